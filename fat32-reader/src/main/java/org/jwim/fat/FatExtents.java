package org.jwim.fat;

import java.util.Arrays;

/**
 * Where a file's bytes are: runs of (absolute channel byte offset, length in bytes) in file
 * order, contiguous clusters merged, the last run trimmed to the file size. Immutable,
 * thread-safe.
 */
public final class FatExtents {
    static final FatExtents EMPTY = new FatExtents(new long[0], new long[0]);
    private final long[] starts;
    private final long[] lengths;
    private final long total;

    FatExtents(long[] starts, long[] lengths) {
        this.starts = starts;
        this.lengths = lengths;
        long t = 0;
        for (long l : lengths) {
            t += l;
        }
        this.total = t;
    }

    /** Count of runs. */
    public int count() {
        return starts.length;
    }

    /** Absolute byte offset in the channel of run {@code i}. */
    public long start(int i) {
        return starts[i];
    }

    /** Bytes in run {@code i}. */
    public long length(int i) {
        return lengths[i];
    }

    /** Sum of all run lengths in bytes. */
    public long totalLength() {
        return total;
    }

    /** A copy of the run offsets. */
    public long[] starts() {
        return starts.clone();
    }

    /** A copy of the run lengths. */
    public long[] lengths() {
        return lengths.clone();
    }

    @Override
    public String toString() {
        return "FatExtents" + Arrays.toString(starts) + Arrays.toString(lengths);
    }
}
