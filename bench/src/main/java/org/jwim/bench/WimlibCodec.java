package org.jwim.bench;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import org.jwim.wim.compress.ChunkCompressor;

/**
 * wimlib's own chunk compressors, called through libwim's public compressor API so the codec
 * benchmarks can run jwim and wimlib on the same chunks in one JVM. For benchmarks only: the
 * library never loads libwim. {@link #load} fails with a message naming the missing library when
 * libwim (Debian: libwim15, installed with wimtools) is absent.
 */
final class WimlibCodec implements ChunkCompressor, AutoCloseable {
    /** wimlib's enum wimlib_compression_type. */
    static final int XPRESS = 1;
    static final int LZX = 2;

    private interface Api extends Library {
        int wimlib_create_compressor(int ctype, long maxBlockSize, int level, PointerByReference out);

        long wimlib_compress(Pointer in, long inSize, Pointer out, long outAvail, Pointer compressor);

        void wimlib_free_compressor(Pointer compressor);
    }

    private static Api api;

    private final Pointer compressor;
    private final Memory in;
    private final Memory out;

    private WimlibCodec(Pointer compressor, int chunkSize) {
        this.compressor = compressor;
        this.in = new Memory(chunkSize);
        this.out = new Memory(chunkSize);
    }

    /**
     * A wimlib compressor for {@code ctype} and chunks of {@code chunkSize} bytes at wimlib's
     * {@code level} (0 = its default, 50).
     */
    /** libwim through JNA as {@code api}; fails with a message naming the package when it is not installed. */
    static <T extends Library> T libwim(Class<T> api) {
        try {
            return Native.load("wim", api);
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("SKIPPED: libwim not installed (apt-get install "
                    + "libwim15): " + e.getMessage(), e);
        }
    }

    static synchronized WimlibCodec load(int ctype, int chunkSize, int level) {
        if (api == null) {
            api = libwim(Api.class);
        }
        PointerByReference ref = new PointerByReference();
        int rc = api.wimlib_create_compressor(ctype, chunkSize, level, ref);
        if (rc != 0) {
            throw new IllegalStateException("wimlib_create_compressor failed: error " + rc);
        }
        return new WimlibCodec(ref.getValue(), chunkSize);
    }

    /**
     * The copies between the arrays and native memory are part of the measured cost (about
     * 2 x 32 KiB memcpy per chunk, small next to compression).
     */
    @Override
    public int compress(byte[] src, int inOff, int inLen, byte[] dst, int outOff, int maxOut) {
        in.write(0, src, inOff, inLen);
        int n = (int) api.wimlib_compress(in, inLen, out, maxOut, compressor);
        if (n > 0) {
            out.read(0, dst, outOff, n);
        }
        return n;
    }

    @Override
    public void close() {
        api.wimlib_free_compressor(compressor);
    }
}
