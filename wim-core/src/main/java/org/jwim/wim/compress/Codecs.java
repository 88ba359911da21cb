package org.jwim.wim.compress;

import org.jwim.wim.CompressionType;
import org.jwim.wim.UnsupportedWimException;
import org.jwim.wim.compress.fast.FastCodecs;
import org.jwim.wim.compress.lzms.LzmsDecompressor;
import org.jwim.wim.compress.lzx.LzxCompressor;
import org.jwim.wim.compress.lzx.LzxDecompressor;
import org.jwim.wim.compress.xpress.XpressCompressor;
import org.jwim.wim.compress.xpress.XpressDecompressor;

/**
 * Creates codec instances for a compression type and chunk size. Each call returns a new
 * instance meant for one thread.
 */
public final class Codecs {
    private Codecs() {
    }

    /**
     * @throws UnsupportedWimException if jwim cannot write this type, or its optional library
     *         (LZ4, Zstandard) is missing
     */
    public static ChunkCompressor compressor(CompressionType type, int chunkSize)
            throws UnsupportedWimException {
        checkChunkSize(type, chunkSize);
        return switch (type) {
            case LZX -> new LzxCompressor(chunkSize);
            case XPRESS -> new XpressCompressor();
            case LZ4, ZSTD -> FastCodecs.create(type, chunkSize, "writing with");
            default -> throw new UnsupportedWimException("writing " + type + " compression is not supported");
        };
    }

    /**
     * @throws UnsupportedWimException if jwim cannot read this type, or its optional library
     *         (LZ4, Zstandard) is missing
     */
    public static ChunkDecompressor decompressor(CompressionType type, int chunkSize)
            throws UnsupportedWimException {
        checkChunkSize(type, chunkSize);
        return switch (type) {
            case LZX -> new LzxDecompressor(chunkSize);
            case XPRESS -> new XpressDecompressor();
            case LZMS -> new LzmsDecompressor();
            case LZ4, ZSTD -> FastCodecs.create(type, chunkSize, "reading");
            default -> throw new UnsupportedWimException("reading " + type + " compression is not supported");
        };
    }

    private static void checkChunkSize(CompressionType type, int chunkSize)
            throws UnsupportedWimException {
        if (type != CompressionType.NONE && !type.isValidChunkSize(chunkSize)) {
            throw new UnsupportedWimException(chunkSize + "-byte chunks are not valid for " + type);
        }
    }
}
