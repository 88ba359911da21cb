package org.jwim.wim.compress.fast;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import org.jwim.wim.compress.CorruptChunkException;

/**
 * A Zstandard frame per chunk (jwim-only), level 3. Compresses into a scratch buffer of the
 * worst-case size so that incompressible chunks cost no exception. One instance per thread.
 */
final class ZstdChunkCodec implements FastChunkCodec {
    private static final int LEVEL = 3;

    private final byte[] scratch;

    ZstdChunkCodec(int chunkSize) {
        this.scratch = new byte[(int) Zstd.compressBound(chunkSize)];
    }

    @Override
    public int compress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int maxOut) {
        long n = Zstd.compressByteArray(scratch, 0, scratch.length, in, inOff, inLen, LEVEL);
        if (Zstd.isError(n)) {
            throw new IllegalStateException("Zstd failed on a " + inLen + "-byte chunk: "
                    + Zstd.getErrorName(n));
        }
        if (n > maxOut) {
            return 0;
        }
        System.arraycopy(scratch, 0, out, outOff, (int) n);
        return (int) n;
    }

    @Override
    public void decompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen)
            throws CorruptChunkException {
        long n;
        try {
            n = Zstd.decompressByteArray(out, outOff, outLen, in, inOff, inLen);
        } catch (ZstdException e) {
            throw new CorruptChunkException("Zstd chunk of " + inLen + " bytes is malformed: "
                    + e.getMessage());
        }
        if (Zstd.isError(n)) {
            throw new CorruptChunkException("Zstd chunk of " + inLen + " bytes is malformed: "
                    + Zstd.getErrorName(n));
        }
        if (n != outLen) {
            throw new CorruptChunkException("Zstd chunk decoded to " + n + " bytes, expected " + outLen);
        }
    }
}
