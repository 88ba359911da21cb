package org.jwim.wim.compress.fast;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.jwim.wim.compress.CorruptChunkException;

/**
 * LZ4 block format per chunk (jwim-only). Compression uses the fastest available LZ4
 * implementation; decompression always uses the bounds-checked safe decoder, since chunks come
 * from files jwim did not write. One instance per thread.
 */
final class Lz4ChunkCodec implements FastChunkCodec {
    private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.safeInstance().safeDecompressor();

    private final byte[] scratch;

    Lz4ChunkCodec(int chunkSize) {
        this.scratch = new byte[COMPRESSOR.maxCompressedLength(chunkSize)];
    }

    @Override
    public int compress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int maxOut) {
        if (inLen > scratch.length) {
            throw new IllegalArgumentException("chunk of " + inLen + " bytes exceeds the codec's size");
        }
        int n = COMPRESSOR.compress(in, inOff, inLen, scratch, 0, scratch.length);
        if (n > maxOut) {
            return 0;
        }
        System.arraycopy(scratch, 0, out, outOff, n);
        return n;
    }

    @Override
    public void decompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen)
            throws CorruptChunkException {
        int n;
        try {
            n = DECOMPRESSOR.decompress(in, inOff, inLen, out, outOff, outLen);
        } catch (LZ4Exception | ArrayIndexOutOfBoundsException e) {
            throw new CorruptChunkException("LZ4 chunk of " + inLen + " bytes is malformed: "
                    + e.getMessage());
        }
        if (n != outLen) {
            throw new CorruptChunkException("LZ4 chunk decoded to " + n + " bytes, expected " + outLen);
        }
    }
}
