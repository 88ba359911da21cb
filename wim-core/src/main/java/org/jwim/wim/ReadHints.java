package org.jwim.wim;

/**
 * Implemented by a {@link java.nio.channels.FileChannel} whose reads are slow to start (a WIM on a
 * web server or an SMB share): before reading a resource, the WIM reader says which bytes it is
 * about to read, so the channel can fetch them ahead, several ranges at once, and nothing else.
 * A hint is only advice: the reads that follow are ordinary positional reads. Must be
 * thread-safe.
 */
public interface ReadHints {
    /** The reader will soon read {@code length} bytes from byte {@code offset} of the file. */
    void willRead(long offset, long length);

    /**
     * The reader will read these ranges ({@code offsets[i]}, {@code lengths[i]} bytes), in this
     * order: the plan of a whole apply, announced once before its first blob, so the channel
     * can merge neighbouring ranges into few requests.
     */
    default void willReadAll(long[] offsets, long[] lengths) {
        for (int i = 0; i < offsets.length; i++) {
            willRead(offsets[i], lengths[i]);
        }
    }
}
