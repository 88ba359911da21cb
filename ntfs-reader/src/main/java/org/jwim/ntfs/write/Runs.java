package org.jwim.ntfs.write;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A growing run list (clusters of one non-resident attribute, in VCN order), with the mapping
 * pairs encoder. A run at {@link #SPARSE} is a hole. Not thread-safe.
 */
final class Runs {
    static final long SPARSE = -1;

    private long[] lcns = new long[4];
    private long[] lengths = new long[4];
    private int count;

    /** Appends {@code length} clusters at {@code lcn} (or a hole), merging with the last run. */
    void add(long lcn, long length) {
        if (length <= 0) {
            return;
        }
        if (count > 0) {
            long lastLcn = lcns[count - 1];
            boolean holes = lcn == SPARSE && lastLcn == SPARSE;
            boolean adjacent = lcn != SPARSE && lastLcn != SPARSE && lastLcn + lengths[count - 1] == lcn;
            if (holes || adjacent) {
                lengths[count - 1] += length;
                return;
            }
        }
        if (count == lcns.length) {
            lcns = Arrays.copyOf(lcns, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        lcns[count] = lcn;
        lengths[count] = length;
        count++;
    }

    void addAll(Runs other) {
        for (int i = 0; i < other.count; i++) {
            add(other.lcns[i], other.lengths[i]);
        }
    }

    int count() {
        return count;
    }

    long lcn(int i) {
        return lcns[i];
    }

    long length(int i) {
        return lengths[i];
    }

    /** Clusters covered, holes included. */
    long clusters() {
        long n = 0;
        for (int i = 0; i < count; i++) {
            n += lengths[i];
        }
        return n;
    }

    /** Clusters really allocated (holes excluded). */
    long allocatedClusters() {
        long n = 0;
        for (int i = 0; i < count; i++) {
            if (lcns[i] != SPARSE) {
                n += lengths[i];
            }
        }
        return n;
    }

    boolean hasHoles() {
        for (int i = 0; i < count; i++) {
            if (lcns[i] == SPARSE) {
                return true;
            }
        }
        return false;
    }

    /** First allocated LCN, or -1. */
    long firstLcn() {
        for (int i = 0; i < count; i++) {
            if (lcns[i] != SPARSE) {
                return lcns[i];
            }
        }
        return -1;
    }

    /**
     * The mapping pairs with their 0 terminator. Lengths are written as positive signed numbers
     * (readers sign-extend them), LCN deltas as minimal signed numbers.
     */
    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(count * 8 + 1);
        long prev = 0;
        byte[] tmp = new byte[17];
        for (int i = 0; i < count; i++) {
            int lenBytes = signedBytes(lengths[i]);
            int offBytes = 0;
            long delta = 0;
            if (lcns[i] != SPARSE) {
                delta = lcns[i] - prev;
                offBytes = signedBytes(delta);
                prev = lcns[i];
            }
            tmp[0] = (byte) ((offBytes << 4) | lenBytes);
            for (int b = 0; b < lenBytes; b++) {
                tmp[1 + b] = (byte) (lengths[i] >>> (8 * b));
            }
            for (int b = 0; b < offBytes; b++) {
                tmp[1 + lenBytes + b] = (byte) (delta >>> (8 * b));
            }
            out.write(tmp, 0, 1 + lenBytes + offBytes);
        }
        out.write(0);
        return out.toByteArray();
    }

    /** Bytes needed to hold {@code v} as a two's-complement number that sign-extends back. */
    static int signedBytes(long v) {
        int n = 1;
        while (n < 8) {
            long min = -(1L << (8 * n - 1));
            long max = (1L << (8 * n - 1)) - 1;
            if (v >= min && v <= max) {
                break;
            }
            n++;
        }
        return n;
    }
}
