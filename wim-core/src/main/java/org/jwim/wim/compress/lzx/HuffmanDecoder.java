package org.jwim.wim.compress.lzx;

/**
 * A canonical Huffman decode table for one LZX code. Codes up to {@code tableBits} long are
 * looked up directly; longer ones (rare) are resolved by scanning the per-length limits.
 * Input is a 16-bit left-justified peek of the bitstream; results are packed as
 * {@code symbol << 5 | length}. Accepts only complete codes or a code with no symbols at all
 * (which decodes symbol 0 from zero bits). Reusable; not thread-safe.
 */
final class HuffmanDecoder {
    private final int tableBits;
    private final int[] table;
    private final int[] count = new int[17];
    private final int[] firstCode = new int[17];
    private final int[] limit = new int[17];
    private final int[] symOffset = new int[17];
    private final int[] sortedSyms;
    private int maxLen;

    HuffmanDecoder(int maxSymbols, int tableBits) {
        this.tableBits = tableBits;
        this.table = new int[1 << tableBits];
        this.sortedSyms = new int[maxSymbols];
    }

    /**
     * Prepares the table for code lengths {@code lens[0, n)}.
     *
     * @return false if a length exceeds {@code maxAllowed} or the code is incomplete or
     *         over-subscribed
     */
    boolean build(int[] lens, int n, int maxAllowed) {
        for (int l = 0; l <= 16; l++) {
            count[l] = 0;
        }
        for (int s = 0; s < n; s++) {
            int l = lens[s];
            if (l > maxAllowed) {
                return false;
            }
            count[l]++;
        }
        count[0] = 0;
        int kraft = 0;
        for (int l = 1; l <= 16; l++) {
            kraft += count[l] << (16 - l);
        }
        if (kraft == 0) {
            java.util.Arrays.fill(table, 0); // empty code: symbol 0, no bits
            maxLen = 0;
            return true;
        }
        if (kraft != 1 << 16) {
            return false;
        }
        int code = 0;
        int offset = 0;
        maxLen = 0;
        for (int l = 1; l <= 16; l++) {
            firstCode[l] = code;
            symOffset[l] = offset;
            code = (code + count[l]) << 1;
            offset += count[l];
            limit[l] = (firstCode[l] + count[l]) << (16 - l);
            if (count[l] != 0) {
                maxLen = l;
            }
        }
        // sortedSyms in canonical order (by length, then symbol); count[] becomes the cursor.
        for (int l = 1; l <= 16; l++) {
            count[l] = symOffset[l];
        }
        for (int s = 0; s < n; s++) {
            int l = lens[s];
            if (l != 0) {
                sortedSyms[count[l]++] = s;
            }
        }
        java.util.Arrays.fill(table, -1);
        int tb = tableBits;
        for (int l = 1; l <= Math.min(tb, 16); l++) {
            int first = symOffset[l];
            int num = (l < 16 ? symOffset[l + 1] : offset) - first;
            int step = 1 << (tb - l);
            int idx = firstCode[l] << (tb - l);
            for (int k = 0; k < num; k++) {
                int entry = sortedSyms[first + k] << 5 | l;
                for (int j = 0; j < step; j++) {
                    table[idx++] = entry;
                }
            }
        }
        return true;
    }

    /** Decodes from a 16-bit left-justified window; returns {@code symbol << 5 | length}. */
    int decode(int peek16) {
        int e = table[peek16 >>> (16 - tableBits)];
        if (e >= 0) {
            return e;
        }
        for (int l = tableBits + 1; l <= maxLen; l++) {
            if (peek16 < limit[l]) {
                return sortedSyms[symOffset[l] + (peek16 >>> (16 - l)) - firstCode[l]] << 5 | l;
            }
        }
        return 0; // unreachable for a complete code
    }
}
