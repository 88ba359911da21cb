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
    /** wimlib's default compression level; {@link #compressor(CompressionType, int)} uses it. */
    public static final int DEFAULT_LEVEL = 50;

    private Codecs() {
    }

    /**
     * A compressor working as hard as wimlib's {@code --compress=TYPE:LEVEL} asks: 20 quick, 50
     * medium (the default, the same output as {@link #compressor(CompressionType, int)}), 100
     * high; any positive level is accepted. XPRESS and LZX scale their search depth and nice
     * match length with the level (16 and 32 at 50); LZX uses its lazy parse alone below 10
     * and two near-optimal passes from 100. Measured on /usr/lib/python3.11 (32 KiB chunks, one
     * thread): level 20 is about 3x faster than 50 for 2% more bytes, 100 about 1.4x slower
     * for 0.6% fewer. Other types take only the default level.
     *
     * @throws IllegalArgumentException if the level is not positive, or is not the default
     *         for a type without levels
     * @throws UnsupportedWimException as {@link #compressor(CompressionType, int)}
     */
    public static ChunkCompressor compressor(CompressionType type, int chunkSize, int level)
            throws UnsupportedWimException {
        if (level < 1) {
            throw new IllegalArgumentException("compression level " + level + " is not positive");
        }
        if (level == DEFAULT_LEVEL) {
            return compressor(type, chunkSize);
        }
        checkChunkSize(type, chunkSize);
        long nice = (long) level * 32 / DEFAULT_LEVEL;
        long depth = Math.max(1, (long) level * 16 / DEFAULT_LEVEL);
        return switch (type) {
            case LZX -> new LzxCompressor(chunkSize, (int) Math.max(8, Math.min(257, nice)),
                    (int) Math.min(128, depth), level < 10 ? 0 : level < 100 ? 1 : 2);
            case XPRESS -> new XpressCompressor((int) Math.min(4096, depth), (int) Math.max(8, Math.min(65538, nice)));
            default -> throw new IllegalArgumentException(type + " compression takes no level");
        };
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
