package org.jwim.wim.compress.lz;

import java.util.Arrays;

/**
 * Two-level lookup tables for decoding canonical Huffman codes read MSB-first.
 *
 * <p>Entry layout (int): bits 0-3 = number of bits to consume, bit 4 = "subtable pointer",
 * bits 5+ = symbol, or for a pointer the subtable start. A root entry is indexed by the next
 * {@code tableBits} bits; a pointer entry's low 4 bits give how many further bits index its
 * subtable, and subtable entries hold the remaining codeword length. All subtables of one code
 * have size 2^(maxUsedLen - tableBits), so no per-code search is needed.
 *
 * <p>Decoding (see {@link #SUBTABLE}):
 * <pre>
 *   e = t[peek(tableBits)];
 *   if ((e &amp; SUBTABLE) != 0) { drop(tableBits); e = t[(e &gt;&gt;&gt; 5) + peek(e &amp; 15)]; }
 *   drop(e &amp; 15); sym = e &gt;&gt;&gt; 5;
 * </pre>
 * Stateless; callers own the arrays.
 */
public final class HuffmanDecodeTable {
    /** Flag bit of a root entry that points to a subtable. */
    public static final int SUBTABLE = 0x10;

    private HuffmanDecodeTable() {
    }

    /** Table length that always suffices for {@code numSyms} symbols and codewords &le; 15 bits. */
    public static int size(int tableBits, int numSyms, int maxLen) {
        int root = 1 << tableBits;
        return root + Math.min(root, numSyms) * (1 << Math.max(0, maxLen - tableBits));
    }

    /**
     * Fills {@code table} for the code given by {@code lens[0..numSyms)}.
     *
     * @param scratch at least {@code numSyms + maxLen + 2} ints
     * @return true for a complete code or an all-zero (empty) code, which decodes as symbol 0
     *         consuming no bits; false for an over-subscribed or incomplete code
     */
    public static boolean build(int[] table, int tableBits, byte[] lens, int numSyms, int maxLen,
                                int[] scratch) {
        int[] count = scratch;             // [0, maxLen]
        int base = maxLen + 1;             // offsets at [base, base + maxLen + 1)
        int sorted = base + maxLen + 1;    // numSyms sorted symbols follow
        Arrays.fill(count, 0, maxLen + 1, 0);
        for (int s = 0; s < numSyms; s++) {
            count[lens[s]]++;
        }
        int remainder = 1;
        int maxUsed = 0;
        for (int len = 1; len <= maxLen; len++) {
            remainder = (remainder << 1) - count[len];
            if (remainder < 0) {
                return false;
            }
            if (count[len] != 0) {
                maxUsed = len;
            }
        }
        if (remainder != 0) {
            if (remainder != 1 << maxLen) {
                return false;
            }
            Arrays.fill(table, 0, 1 << tableBits, 0); // empty code: symbol 0, length 0
            return true;
        }
        int off = 0;
        for (int len = 1; len <= maxLen; len++) {
            scratch[base + len] = off;
            off += count[len];
        }
        for (int s = 0; s < numSyms; s++) {
            int len = lens[s];
            if (len != 0) {
                scratch[sorted + scratch[base + len]++] = s;
            }
        }
        int subBits = Math.max(0, maxUsed - tableBits);
        int nextSub = 1 << tableBits;
        int lastPrefix = -1;
        int subStart = 0;
        int code = 0;
        int idx = sorted;
        for (int len = 1; len <= maxUsed; len++) {
            for (int c = count[len]; c > 0; c--, code++) {
                int sym = scratch[idx++];
                if (len <= tableBits) {
                    int start = code << (tableBits - len);
                    Arrays.fill(table, start, start + (1 << (tableBits - len)), (sym << 5) | len);
                } else {
                    int prefix = code >>> (len - tableBits);
                    if (prefix != lastPrefix) {
                        lastPrefix = prefix;
                        subStart = nextSub;
                        nextSub += 1 << subBits;
                        table[prefix] = (subStart << 5) | SUBTABLE | subBits;
                    }
                    int low = code & ((1 << (len - tableBits)) - 1);
                    int start = subStart + (low << (maxUsed - len));
                    Arrays.fill(table, start, start + (1 << (maxUsed - len)),
                            (sym << 5) | (len - tableBits));
                }
            }
            code <<= 1;
        }
        return true;
    }
}
