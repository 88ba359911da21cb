package org.jwim.wim.compress.lzx;

/**
 * Builds length-limited canonical Huffman codes from symbol frequencies. The result is always
 * a complete code (Kraft sum exactly 1), or all zero when no symbol is used; a single used
 * symbol gets a second, unused partner of length 1 because LZX decoders reject incomplete codes.
 * Reusable and allocation-free after construction; not thread-safe.
 */
final class HuffmanBuilder {
    private final long[] sorted;
    private final int[] nodeFreq;
    private final int[] parent;
    private final int[] blCount = new int[33];
    private final int[] nextCode = new int[33];

    HuffmanBuilder(int maxSymbols) {
        sorted = new long[maxSymbols];
        nodeFreq = new int[2 * maxSymbols];
        parent = new int[2 * maxSymbols];
    }

    /** Fills {@code lens[0, n)} with code lengths of at most {@code maxLen} bits. */
    void buildLengths(int[] freq, int n, int maxLen, int[] lens) {
        int m = 0;
        for (int s = 0; s < n; s++) {
            lens[s] = 0;
            if (freq[s] != 0) {
                sorted[m++] = ((long) freq[s] << 16) | s;
            }
        }
        if (m == 0) {
            return;
        }
        if (m == 1) {
            int s = (int) (sorted[0] & 0xFFFF);
            lens[s] = 1;
            lens[s == 0 ? 1 : 0] = 1;
            return;
        }
        heapSort(sorted, m);
        treeDepths(m);
        for (int l = 0; l <= 32; l++) {
            blCount[l] = 0;
        }
        for (int i = 0; i < m; i++) {
            blCount[Math.min(parent[i], maxLen)]++;
        }
        limit(maxLen);
        // Least frequent symbols (front of 'sorted') get the longest codes.
        int i = 0;
        for (int l = maxLen; l >= 1; l--) {
            for (int c = blCount[l]; c > 0; c--) {
                lens[(int) (sorted[i++] & 0xFFFF)] = l;
            }
        }
    }

    /** Classic two-queue Huffman on sorted leaves; leaves' depths end up in parent[0, m). */
    private void treeDepths(int m) {
        for (int i = 0; i < m; i++) {
            nodeFreq[i] = (int) (sorted[i] >>> 16);
        }
        int leaf = 0;
        int inner = m;
        for (int k = m; k < 2 * m - 1; k++) {
            int a;
            if (leaf < m && (inner >= k || nodeFreq[leaf] <= nodeFreq[inner])) {
                a = leaf++;
            } else {
                a = inner++;
            }
            int b;
            if (leaf < m && (inner >= k || nodeFreq[leaf] <= nodeFreq[inner])) {
                b = leaf++;
            } else {
                b = inner++;
            }
            nodeFreq[k] = (int) Math.min(Integer.MAX_VALUE, (long) nodeFreq[a] + nodeFreq[b]);
            parent[a] = k;
            parent[b] = k;
        }
        int root = 2 * m - 2;
        parent[root] = 0; // depth of the root
        for (int k = root - 1; k >= 0; k--) {
            parent[k] = parent[parent[k]] + 1;
        }
    }

    /** Makes blCount describe a complete code with no length above maxLen. */
    private void limit(int maxLen) {
        long target = 1L << maxLen;
        long kraft = 0;
        for (int l = 1; l <= maxLen; l++) {
            kraft += (long) blCount[l] << (maxLen - l);
        }
        while (kraft > target) {
            int l = maxLen - 1;
            while (blCount[l] == 0) {
                l--;
            }
            blCount[l]--;
            blCount[l + 1]++;
            kraft -= 1L << (maxLen - l - 1);
        }
        while (kraft < target) {
            int l = maxLen;
            while (blCount[l] == 0 || (1L << (maxLen - l)) > target - kraft) {
                l--;
            }
            blCount[l]--;
            blCount[l - 1]++;
            kraft += 1L << (maxLen - l);
        }
    }

    /** Canonical (DEFLATE-order) codewords, MSB-first values of lens[s] bits. */
    void canonicalCodes(int[] lens, int n, int[] codes) {
        for (int l = 0; l <= 32; l++) {
            blCount[l] = 0;
        }
        for (int s = 0; s < n; s++) {
            blCount[lens[s]]++;
        }
        blCount[0] = 0;
        int code = 0;
        for (int l = 1; l <= 32; l++) {
            code = (code + blCount[l - 1]) << 1;
            nextCode[l] = code;
        }
        for (int s = 0; s < n; s++) {
            int l = lens[s];
            codes[s] = l == 0 ? 0 : nextCode[l]++;
        }
    }

    private static void heapSort(long[] a, int n) {
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(a, i, n);
        }
        for (int end = n - 1; end > 0; end--) {
            long t = a[0];
            a[0] = a[end];
            a[end] = t;
            siftDown(a, 0, end);
        }
    }

    private static void siftDown(long[] a, int i, int n) {
        long v = a[i];
        while (true) {
            int c = 2 * i + 1;
            if (c >= n) {
                break;
            }
            if (c + 1 < n && a[c + 1] > a[c]) {
                c++;
            }
            if (a[c] <= v) {
                break;
            }
            a[i] = a[c];
            i = c;
        }
        a[i] = v;
    }
}
