package org.jwim.wim;

import org.jwim.wim.compress.Codecs;

/**
 * How a WIM is written. Immutable; the setters return a modified copy.
 * A null compression means "LZX" for a new WIM and "whatever the WIM uses" for an append; an
 * unset integrity table means none for a new WIM and "as the WIM had" for one appended to or
 * rebuilt (wimlib's default beside --check and --nocheck).
 */
public final class WriteOptions {
    private final CompressionType compression;
    private final int chunkSize;
    private final Boolean integrity;
    private final int bootIndex;
    private final int threads;
    private final ProgressListener progress;
    private final int level;

    private WriteOptions(CompressionType compression, int chunkSize, Boolean integrity,
            int bootIndex, int threads, ProgressListener progress) {
        this(compression, chunkSize, integrity, bootIndex, threads, progress, Codecs.DEFAULT_LEVEL);
    }

    private WriteOptions(CompressionType compression, int chunkSize, Boolean integrity,
            int bootIndex, int threads, ProgressListener progress, int level) {
        this.level = level;
        this.compression = compression;
        this.chunkSize = chunkSize;
        this.integrity = integrity;
        this.bootIndex = bootIndex;
        this.threads = threads;
        this.progress = progress;
    }

    /** Compression and integrity table unset, default chunk size, no boot image. */
    public static WriteOptions defaults() {
        return new WriteOptions(null, 0, null, 0, Runtime.getRuntime().availableProcessors(),
                ProgressListener.NONE);
    }

    public WriteOptions compression(CompressionType value) {
        return new WriteOptions(value, chunkSize, integrity, bootIndex, threads, progress, level);
    }

    /** Chunk size in bytes; 0 selects the compression type's default. */
    public WriteOptions chunkSize(int value) {
        return new WriteOptions(compression, value, integrity, bootIndex, threads, progress, level);
    }

    /** Whether to write an integrity table: wimlib's --check (true) and --nocheck (false). */
    public WriteOptions integrity(boolean value) {
        return new WriteOptions(compression, chunkSize, value, bootIndex, threads, progress, level);
    }

    /** 1-based index of the bootable image, 0 for none. */
    public WriteOptions bootIndex(int value) {
        return new WriteOptions(compression, chunkSize, integrity, value, threads, progress, level);
    }

    /** Compressor threads (1 = serial). */
    public WriteOptions threads(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + value);
        }
        return new WriteOptions(compression, chunkSize, integrity, bootIndex, value, progress, level);
    }

    /** Where progress events go and cancellation is asked for. */
    public WriteOptions progress(ProgressListener value) {
        return new WriteOptions(compression, chunkSize, integrity, bootIndex, threads,
                java.util.Objects.requireNonNull(value), level);
    }

    /**
     * wimlib's compression level (1 and up; 20 quick, 50 medium = the default, 100 high): how
     * hard XPRESS and LZX search, see {@link Codecs#compressor(CompressionType, int, int)}.
     */
    public WriteOptions compressionLevel(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("compression level must be at least 1, got " + value);
        }
        return new WriteOptions(compression, chunkSize, integrity, bootIndex, threads, progress, value);
    }

    public int compressionLevel() {
        return level;
    }

    public ProgressListener progress() {
        return progress;
    }

    public CompressionType compression() {
        return compression;
    }

    public int chunkSize() {
        return chunkSize;
    }

    /** Whether a new WIM gets an integrity table (set and true). */
    public boolean integrity() {
        return Boolean.TRUE.equals(integrity);
    }

    /** Whether a WIM rewritten from one that {@code had} an integrity table gets one. */
    public boolean integrityAfter(boolean had) {
        return integrity == null ? had : integrity;
    }

    public int bootIndex() {
        return bootIndex;
    }

    public int threads() {
        return threads;
    }
}
