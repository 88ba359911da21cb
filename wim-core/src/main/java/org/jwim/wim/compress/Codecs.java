package org.jwim.wim.compress;

import org.jwim.wim.CompressionType;
import org.jwim.wim.UnsupportedWimException;

/**
 * Creates codec instances for a compression type and chunk size. Each call returns a new
 * instance meant for one thread.
 */
public final class Codecs {
    private Codecs() {
    }

    /** @throws UnsupportedWimException if jwim cannot write this type */
    public static ChunkCompressor compressor(CompressionType type, int chunkSize)
            throws UnsupportedWimException {
        switch (type) {
            case LZX:
                return new org.jwim.wim.compress.lzx.LzxCompressor(chunkSize);
            default:
                throw new UnsupportedWimException("writing " + type + " compression is not supported");
        }
    }

    /** @throws UnsupportedWimException if jwim cannot read this type */
    public static ChunkDecompressor decompressor(CompressionType type, int chunkSize)
            throws UnsupportedWimException {
        switch (type) {
            case LZX:
                return new org.jwim.wim.compress.lzx.LzxDecompressor(chunkSize);
            default:
                throw new UnsupportedWimException("reading " + type + " compression is not supported");
        }
    }
}
