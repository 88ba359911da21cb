package org.jwim.wim.compress.lz;

import java.util.Arrays;

/**
 * Builds length-limited canonical Huffman codes from symbol frequencies.
 *
 * <p>The code lengths are exactly those wimlib's {@code make_canonical_huffman_code} produces
 * (symbols sorted by (frequency, symbol); two-queue tree construction that prefers a leaf over
 * an internal node on equal frequency; over-long depths folded onto the deepest length that still
 * has room). LZMS depends on this: its adaptive codes are rebuilt by encoder and decoder from the
 * same frequencies, so any other tie-breaking would decode garbage. XPRESS only needs some
 * complete code with lengths &le; 15 and uses the same builder.
 *
 * <p>A used-symbol count of one still yields a complete code: the used symbol and symbol 0 (or 1
 * if the used symbol is 0) both get length 1. With no used symbol all lengths are 0.
 *
 * <p>One instance per thread (it owns scratch arrays); no allocation per call.
 */
public final class HuffmanCodeBuilder {
    /** Symbols are packed below the frequency in one int; this many low bits hold the symbol. */
    private static final int SYM_BITS = 10;
    private static final int SYM_MASK = (1 << SYM_BITS) - 1;
    /** Largest alphabet supported. */
    public static final int MAX_SYMS = 1 << SYM_BITS;
    /** Longest codeword supported. */
    public static final int MAX_LEN = 16;
    /** Frequencies must stay below this so that freq << SYM_BITS fits a positive int. */
    public static final int MAX_FREQ = (1 << (31 - SYM_BITS)) - 1;

    private final int[] nodes = new int[MAX_SYMS];
    private final int[] counters = new int[MAX_SYMS];
    private final int[] lenCounts = new int[MAX_LEN + 2];

    /**
     * Computes code lengths for {@code numSyms} symbols.
     *
     * @param freqs   frequency per symbol, each in [0, {@link #MAX_FREQ}], total below MAX_FREQ
     * @param numSyms alphabet size, 0..{@link #MAX_SYMS}
     * @param maxLen  longest allowed codeword, 2..{@link #MAX_LEN}
     * @param lens    receives the lengths; needs room for max(numSyms, 2) entries
     */
    public void buildLengths(int[] freqs, int numSyms, int maxLen, byte[] lens) {
        if (numSyms < 2) { // the bucket sort below needs two buckets
            if (numSyms == 1) {
                lens[0] = (byte) (freqs[0] != 0 ? 1 : 0);
                lens[1] = lens[0];
            }
            return;
        }
        int used = sortSymbols(freqs, numSyms, lens);
        if (used == 0) {
            return;
        }
        if (used == 1) {
            int sym = nodes[0] & SYM_MASK;
            lens[0] = 1;
            lens[sym != 0 ? sym : 1] = 1;
            return;
        }
        buildTree(used);
        computeLengthCounts(used - 2, maxLen);
        int i = 0;
        for (int len = maxLen; len >= 1; len--) {
            for (int c = lenCounts[len]; c > 0; c--) {
                lens[nodes[i++] & SYM_MASK] = (byte) len;
            }
        }
    }

    /**
     * Sorts the used symbols by (frequency, symbol) into {@code nodes} as freq << SYM_BITS | sym
     * and zeroes the lengths of unused symbols. Returns the number of used symbols.
     */
    private int sortSymbols(int[] freqs, int numSyms, byte[] lens) {
        int[] cnt = counters;
        int last = numSyms - 1; // frequencies >= last share the last bucket and get sorted
        Arrays.fill(cnt, 0, numSyms, 0);
        for (int s = 0; s < numSyms; s++) {
            cnt[Math.min(freqs[s], last)]++;
        }
        int used = 0;
        for (int b = 1; b < numSyms; b++) {
            int c = cnt[b];
            cnt[b] = used;
            used += c;
        }
        int lastStart = cnt[last];
        for (int s = 0; s < numSyms; s++) {
            int f = freqs[s];
            if (f != 0) {
                nodes[cnt[Math.min(f, last)]++] = (f << SYM_BITS) | s;
            } else {
                lens[s] = 0;
            }
        }
        Arrays.sort(nodes, lastStart, used);
        return used;
    }

    /**
     * Replaces the first n-1 entries of the sorted leaves with the internal nodes of the Huffman
     * tree (frequency, later parent index, in the high bits; the sorted symbols stay in the low
     * bits). On equal frequency a leaf is taken before an internal node.
     */
    private void buildTree(int n) {
        int[] a = nodes;
        int leaf = 0;      // next unparented leaf
        int inner = 0;     // next unparented internal node
        int next = 0;      // slot of the next internal node
        do {
            int f;
            if (leaf + 1 < n && (inner == next || (a[leaf + 1] >>> SYM_BITS) <= (a[inner] >>> SYM_BITS))) {
                f = (a[leaf] >>> SYM_BITS) + (a[leaf + 1] >>> SYM_BITS);
                leaf += 2;
            } else if (inner + 2 <= next
                    && (leaf >= n || (a[inner + 1] >>> SYM_BITS) < (a[leaf] >>> SYM_BITS))) {
                f = (a[inner] >>> SYM_BITS) + (a[inner + 1] >>> SYM_BITS);
                a[inner] = (next << SYM_BITS) | (a[inner] & SYM_MASK);
                a[inner + 1] = (next << SYM_BITS) | (a[inner + 1] & SYM_MASK);
                inner += 2;
            } else {
                f = (a[leaf] >>> SYM_BITS) + (a[inner] >>> SYM_BITS);
                a[inner] = (next << SYM_BITS) | (a[inner] & SYM_MASK);
                leaf++;
                inner++;
            }
            a[next] = (f << SYM_BITS) | (a[next] & SYM_MASK);
        } while (++next < n - 1);
    }

    /** Turns parent links into depths and counts codewords per length, folding depth > maxLen. */
    private void computeLengthCounts(int root, int maxLen) {
        int[] a = nodes;
        int[] lc = lenCounts;
        Arrays.fill(lc, 0, maxLen + 2, 0);
        lc[1] = 2;
        a[root] &= SYM_MASK;
        for (int node = root - 1; node >= 0; node--) {
            int parent = a[node] >>> SYM_BITS;
            int depth = (a[parent] >>> SYM_BITS) + 1;
            a[node] = (a[node] & SYM_MASK) | (depth << SYM_BITS);
            int len = depth;
            if (len >= maxLen) {
                len = maxLen;
                do {
                    len--;
                } while (lc[len] == 0);
            }
            lc[len]--;
            lc[len + 1] += 2;
        }
    }

    /**
     * Assigns canonical codewords (ordered by (length, symbol), right-aligned) for the given
     * lengths. Symbols of length 0 get codeword 0.
     */
    public static void codewords(byte[] lens, int numSyms, int maxLen, int[] codes, int[] scratch) {
        int[] next = scratch; // needs maxLen + 2 entries
        Arrays.fill(next, 0, maxLen + 2, 0);
        for (int s = 0; s < numSyms; s++) {
            next[lens[s]]++;
        }
        int code = 0;
        int prevCount = 0;
        next[0] = 0;
        for (int len = 1; len <= maxLen; len++) {
            code = (code + prevCount) << 1;
            prevCount = next[len];
            next[len] = code;
        }
        for (int s = 0; s < numSyms; s++) {
            int len = lens[s];
            codes[s] = len == 0 ? 0 : next[len]++;
        }
    }
}
