package org.jwim.fat.table;

import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;
import org.jwim.fat.FatType;

/**
 * Follows cluster chains through a {@link FatTable} and merges them into runs. Every walk is
 * bounded by a cluster limit (never more than the volume's cluster count), so a looping chain
 * cannot hang; loops are found afterwards by checking the runs for overlap (cheap: a chain of
 * one run cannot overlap), and only then re-walked with a bitmap to cut at the first repeat.
 * Thread-safe (no mutable state of its own). Throws IOException only when a paged FAT cannot
 * be read.
 */
public final class ChainWalker {
    private final FatTable fat;
    private final int maxCluster;

    /**
     * @param maxCluster highest cluster number usable (clusterCount + 1, lowered when the
     *                   volume image is shorter than its boot sector says)
     */
    public ChainWalker(FatTable fat, int maxCluster) {
        this.fat = fat;
        this.maxCluster = Math.min(maxCluster, fat.size() - 1);
    }

    public int maxCluster() {
        return maxCluster;
    }

    /**
     * Walks the chain starting at {@code first}.
     *
     * @param limit how many clusters are wanted (a file's size in clusters, or a directory cap)
     * @param exact true for files: the chain should have exactly {@code limit} clusters
     */
    public Chain walk(long first, long limit, boolean exact) throws IOException {
        if (limit <= 0) {
            return first == 0 || !exact ? Chain.EMPTY
                    : Chain.EMPTY.withProblem("an empty file owns cluster " + first + "; ignored");
        }
        if (first == 0) {
            return Chain.EMPTY.withProblem(exact ? "no first cluster for " + limit + " clusters of data"
                    : "directory has no first cluster");
        }
        long bound = Math.min(limit, maxCluster - 1L);
        Chain c = walk(first, bound, exact, limit, null);
        if (c.runCount() > 1 && overlaps(c)) {
            c = walk(first, bound, exact, limit, new BitSet());
        }
        return c;
    }

    private Chain walk(long first, long bound, boolean exact, long limit, BitSet seen)
            throws IOException {
        FatType type = fat.type();
        int[] starts = new int[4];
        int[] lens = new int[4];
        int runs = 0;
        long count = 0;
        long cur = first;
        String problem = null;
        while (true) {
            if (cur < 2 || cur > maxCluster) {
                problem = "cluster " + cur + " is out of range 2.." + maxCluster;
                break;
            }
            int c = (int) cur;
            if (seen != null) {
                if (seen.get(c)) {
                    problem = "chain loops back to cluster " + c;
                    break;
                }
                seen.set(c);
            }
            if (runs > 0 && starts[runs - 1] + lens[runs - 1] == c) {
                lens[runs - 1]++;
            } else {
                if (runs == starts.length) {
                    starts = Arrays.copyOf(starts, runs * 2);
                    lens = Arrays.copyOf(lens, runs * 2);
                }
                starts[runs] = c;
                lens[runs++] = 1;
            }
            count++;
            int next = fat.get(c);
            boolean end = next >= type.endOfChainMin();
            if (count == bound) {
                if (!end) {
                    problem = bound < limit ? "chain is longer than the volume's cluster count"
                            : exact ? "chain continues beyond the file size (extra clusters ignored)"
                            : "chain longer than " + limit + " clusters; rest ignored";
                }
                break;
            }
            if (end) {
                break;
            }
            if (next == type.badCluster()) {
                problem = "chain reaches a cluster marked bad after cluster " + c;
                break;
            }
            if (next == 0) {
                problem = "chain reaches a free cluster after cluster " + c;
                break;
            }
            cur = next & 0xFFFF_FFFFL;
        }
        if (exact && count < limit && problem == null) {
            problem = "chain ends after " + count + " clusters but the size needs " + limit;
        }
        return new Chain(starts, lens, runs, count, problem);
    }

    private static boolean overlaps(Chain c) {
        long[] packed = new long[c.runCount()];
        for (int i = 0; i < packed.length; i++) {
            packed[i] = (long) c.runStarts()[i] << 32 | c.runLengths()[i];
        }
        Arrays.sort(packed);
        long prevEnd = 0;
        for (long p : packed) {
            long start = p >>> 32;
            if (start < prevEnd) {
                return true;
            }
            prevEnd = start + (p & 0xFFFF_FFFFL);
        }
        return false;
    }
}
