package org.jwim.bench;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import org.jwim.wim.compress.ChunkDecompressor;
import org.jwim.wim.compress.CorruptChunkException;

/**
 * wimlib's own chunk decompressors through libwim's public decompressor API, so that
 * {@link DecodeCpuRatio} can run jwim's and wimlib's decoders on the same chunks in one JVM.
 * For benchmarks only; fails with a message naming libwim when it is not installed.
 */
final class WimlibDecoder implements ChunkDecompressor, AutoCloseable {
    private interface Api extends Library {
        int wimlib_create_decompressor(int ctype, long maxBlockSize, PointerByReference out);

        int wimlib_decompress(Pointer in, long inSize, Pointer out, long outSize, Pointer decompressor);

        void wimlib_free_decompressor(Pointer decompressor);
    }

    private static Api api;

    private final Pointer decompressor;
    private final Memory in;
    private final Memory out;

    private WimlibDecoder(Pointer decompressor, int chunkSize) {
        this.decompressor = decompressor;
        this.in = new Memory(chunkSize);
        this.out = new Memory(chunkSize);
    }

    /** A wimlib decompressor for {@code ctype} ({@link WimlibCodec#XPRESS}, {@link WimlibCodec#LZX}). */
    static synchronized WimlibDecoder load(int ctype, int chunkSize) {
        if (api == null) {
            api = WimlibCodec.libwim(Api.class);
        }
        PointerByReference ref = new PointerByReference();
        int rc = api.wimlib_create_decompressor(ctype, chunkSize, ref);
        if (rc != 0) {
            throw new IllegalStateException("wimlib_create_decompressor failed: error " + rc);
        }
        return new WimlibDecoder(ref.getValue(), chunkSize);
    }

    /** The copies to and from native memory (a few microseconds per chunk) are measured too. */
    @Override
    public void decompress(byte[] src, int inOff, int inLen, byte[] dst, int outOff, int outLen)
            throws CorruptChunkException {
        in.write(0, src, inOff, inLen);
        if (api.wimlib_decompress(in, inLen, out, outLen, decompressor) != 0) {
            throw new CorruptChunkException("wimlib_decompress rejected a chunk of " + inLen + " bytes");
        }
        out.read(0, dst, outOff, outLen);
    }

    @Override
    public void close() {
        api.wimlib_free_decompressor(decompressor);
    }
}
