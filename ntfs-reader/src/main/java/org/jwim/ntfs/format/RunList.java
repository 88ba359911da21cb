package org.jwim.ntfs.format;

import java.util.Arrays;
import org.jwim.ntfs.NtfsFormatException;

/**
 * The decoded mapping pairs of a non-resident attribute: consecutive runs of clusters, each at a
 * logical cluster number (LCN) or sparse ({@link #SPARSE}). Immutable once built.
 */
public final class RunList {
    public static final long SPARSE = -1;
    /** Most clusters one attribute may span: NTFS addresses clusters with 32-bit numbers. */
    public static final long MAX_CLUSTERS = 1L << 32;
    private static final RunList EMPTY = new RunList(new long[0], new long[0], 0);

    private final long[] lengths;   // clusters per run
    private final long[] lcns;      // first LCN of each run, or SPARSE
    private final int count;
    private final long[] starts;    // VCN of each run relative to the list start; [count] = total

    private RunList(long[] lengths, long[] lcns, int count) {
        this.lengths = lengths;
        this.lcns = lcns;
        this.count = count;
        this.starts = new long[count + 1];
        for (int i = 0; i < count; i++) {
            starts[i + 1] = starts[i] + lengths[i];
        }
    }

    /** VCN where run {@code i} starts (relative to the first run); {@code start(count())} = total. */
    public long start(int i) {
        return starts[i];
    }

    /** Index of the run containing {@code vcn}, or -1 when {@code vcn} is past the runs. */
    public int find(long vcn) {
        if (vcn < 0 || vcn >= starts[count]) {
            return -1;
        }
        int lo = 0;
        int hi = count - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= vcn) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    public static RunList of(long[] lengths, long[] lcns) {
        if (lengths.length != lcns.length) {
            throw new IllegalArgumentException("lengths and lcns differ in size");
        }
        return new RunList(lengths.clone(), lcns.clone(), lengths.length);
    }

    public static RunList empty() {
        return EMPTY;
    }

    public int count() {
        return count;
    }

    public long length(int i) {
        return lengths[i];
    }

    public long lcn(int i) {
        return lcns[i];
    }

    /** Total clusters covered (allocated plus sparse). */
    public long totalClusters() {
        return starts[count];
    }

    /** This run list followed by {@code next} (pieces of one attribute split by an attribute list). */
    public RunList append(RunList next) {
        long[] l = Arrays.copyOf(lengths, count + next.count);
        long[] c = Arrays.copyOf(lcns, count + next.count);
        System.arraycopy(next.lengths, 0, l, count, next.count);
        System.arraycopy(next.lcns, 0, c, count, next.count);
        return new RunList(l, c, l.length);
    }

    /**
     * Decodes the mapping pairs in {@code b[off..end)}.
     *
     * @param expectedClusters clusters the attribute header says this piece covers
     *                         (highest VCN - lowest VCN + 1)
     * @param volumeClusters   clusters of the volume: every allocated run must lie inside
     * @throws NtfsFormatException when the list is malformed, overruns its attribute, does not
     *         cover {@code expectedClusters} exactly, or points outside the volume
     */
    public static RunList decode(byte[] b, int off, int end, long expectedClusters, long volumeClusters)
            throws NtfsFormatException {
        if (expectedClusters < 0 || expectedClusters > MAX_CLUSTERS) {
            throw new NtfsFormatException("run list: cluster count " + expectedClusters + " outside 0..2^32");
        }
        int cap = Math.max(1, Math.min(16, (end - off) / 2));
        long[] lens = new long[cap];
        long[] lcns = new long[cap];
        int n = 0;
        long vcns = 0;
        long lcn = 0;
        int p = off;
        while (true) {
            if (p >= end) {
                throw new NtfsFormatException("run list: no terminator before offset " + (end - off));
            }
            int header = b[p] & 0xFF;
            if (header == 0) {
                break;
            }
            int lenBytes = header & 0x0F;
            int offBytes = header >>> 4;
            if (lenBytes == 0 || lenBytes > 8 || offBytes > 8) {
                throw new NtfsFormatException(String.format(
                        "run list +%d: bad header byte 0x%02X", p - off, header));
            }
            if (p + 1 + lenBytes + offBytes > end) {
                throw new NtfsFormatException("run list +" + (p - off) + ": run overruns the attribute");
            }
            long len = readLe(b, p + 1, lenBytes, false);
            if (len <= 0) {
                throw new NtfsFormatException("run list +" + (p - off) + ": run length " + len);
            }
            long runLcn;
            if (offBytes == 0) {
                runLcn = SPARSE;
            } else {
                long delta = readLe(b, p + 1 + lenBytes, offBytes, true);
                lcn += delta;
                if (lcn < 0 || lcn >= volumeClusters || len > volumeClusters - lcn) {
                    throw new NtfsFormatException("run list +" + (p - off) + ": clusters " + lcn
                            + "+" + len + " outside the volume's " + volumeClusters + " clusters");
                }
                runLcn = lcn;
            }
            if (len > expectedClusters - vcns) {
                throw new NtfsFormatException("run list: runs cover more than the " + expectedClusters
                        + " clusters of the attribute");
            }
            vcns += len;
            if (n == lens.length) {
                lens = Arrays.copyOf(lens, n * 2);
                lcns = Arrays.copyOf(lcns, n * 2);
            }
            lens[n] = len;
            lcns[n] = runLcn;
            n++;
            p += 1 + lenBytes + offBytes;
        }
        if (vcns != expectedClusters) {
            throw new NtfsFormatException("run list covers " + vcns + " clusters, attribute says "
                    + expectedClusters);
        }
        return n == 0 ? EMPTY : new RunList(lens, lcns, n);
    }

    private static long readLe(byte[] b, int p, int n, boolean signed) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[p + i] & 0xFF);
        }
        if (signed && n < 8 && (b[p + n - 1] & 0x80) != 0) {
            v |= -1L << (8 * n);
        }
        return v;
    }
}
