package org.jwim.wim.compress.lz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class HuffmanCodeBuilderTest {
    private final HuffmanCodeBuilder b = new HuffmanCodeBuilder();

    private static long kraft(byte[] lens, int n, int maxLen) {
        long sum = 0;
        for (int s = 0; s < n; s++) {
            if (lens[s] != 0) {
                sum += 1L << (maxLen - lens[s]);
            }
        }
        return sum;
    }

    @Test
    void leafWinsTiesLikeWimlib() {
        // leaves 1,1,2: {1,1} -> 2; then leaf 2 vs internal 2 -> the leaf is taken with it
        byte[] lens = new byte[3];
        b.buildLengths(new int[] {1, 1, 2}, 3, 15, lens);
        assertArrayEquals(new byte[] {2, 2, 1}, lens);
        // 1,1,1,1: two leaf pairs then the two internals -> all length 2
        byte[] four = new byte[4];
        b.buildLengths(new int[] {1, 1, 1, 1}, 4, 15, four);
        assertArrayEquals(new byte[] {2, 2, 2, 2}, four);
        // 2,1,1,2,2: sorted (1,s1)(1,s2)(2,s0)(2,s3)(2,s4); {s1,s2}=2; s0,s3 (tie: leaves)=4;
        // s4 + internal 2 = 4; root. Lengths: three of 2, two of 3 for the rarest s1, s2
        byte[] five = new byte[5];
        b.buildLengths(new int[] {2, 1, 1, 2, 2}, 5, 15, five);
        assertArrayEquals(new byte[] {2, 3, 3, 2, 2}, five);
    }

    @Test
    void singleAndNoSymbol() {
        byte[] lens = new byte[8];
        b.buildLengths(new int[] {0, 0, 0, 5, 0, 0, 0, 0}, 8, 15, lens);
        assertArrayEquals(new byte[] {1, 0, 0, 1, 0, 0, 0, 0}, lens);
        b.buildLengths(new int[] {7, 0, 0, 0, 0, 0, 0, 0}, 8, 15, lens);
        assertArrayEquals(new byte[] {1, 1, 0, 0, 0, 0, 0, 0}, lens);
        b.buildLengths(new int[8], 8, 15, lens);
        assertArrayEquals(new byte[8], lens);
    }

    @Test
    void lengthLimitKeepsCodesComplete() {
        // Fibonacci frequencies force depths far beyond 15 without the limit
        int n = 40;
        int[] f = new int[n];
        f[0] = 1;
        f[1] = 1;
        for (int i = 2; i < n; i++) {
            f[i] = Math.min(f[i - 1] + f[i - 2], 1 << 20);
        }
        byte[] lens = new byte[n];
        b.buildLengths(f, n, 15, lens);
        for (byte l : lens) {
            assertTrue(l >= 1 && l <= 15);
        }
        assertEquals(1L << 15, kraft(lens, n, 15));
    }

    @Test
    void randomCodesAreCompleteAndDecodable() {
        Random r = new Random(7);
        int[] scratch = new int[HuffmanCodeBuilder.MAX_SYMS + 20];
        for (int iter = 0; iter < 300; iter++) {
            int n = 2 + r.nextInt(799);
            int[] f = new int[n];
            for (int s = 0; s < n; s++) {
                f[s] = r.nextInt(4) == 0 ? 0 : r.nextInt(1 + r.nextInt(5000));
            }
            byte[] lens = new byte[Math.max(n, 2)];
            b.buildLengths(f, n, 15, lens);
            int used = 0;
            for (int s = 0; s < n; s++) {
                used += f[s] != 0 ? 1 : 0;
            }
            for (int s = 0; s < n; s++) {
                if (f[s] != 0) {
                    assertTrue(lens[s] >= 1 && lens[s] <= 15);
                } else if (used >= 2) {
                    assertEquals(0, lens[s], "unused symbol " + s + " got a codeword");
                }
            }
            if (used >= 2) {
                assertEquals(1L << 15, kraft(lens, n, 15));
            }
            int tableBits = 1 + r.nextInt(11);
            int[] table = new int[HuffmanDecodeTable.size(tableBits, n, 15)];
            assertTrue(used == 0 || HuffmanDecodeTable.build(table, tableBits, lens, n, 15, scratch)
                    || used == 1);
            if (used >= 2) {
                int[] codes = new int[n];
                HuffmanCodeBuilder.codewords(lens, n, 15, codes, scratch);
                for (int s = 0; s < n; s++) {
                    if (lens[s] != 0) {
                        assertEquals(s, decode(table, tableBits, codes[s], lens[s]));
                    }
                }
            }
        }
    }

    /** Decodes one codeword placed at the top of a 64-bit buffer. */
    private static int decode(int[] t, int tableBits, int code, int len) {
        long buf = (long) code << (64 - len);
        int e = t[(int) (buf >>> (64 - tableBits))];
        int consumed = 0;
        if ((e & HuffmanDecodeTable.SUBTABLE) != 0) {
            buf <<= tableBits;
            consumed = tableBits;
            e = t[(e >>> 5) + (int) (buf >>> (64 - (e & 15)))];
        }
        assertEquals(len, consumed + (e & 15));
        return e >>> 5;
    }

    @Test
    void decodeTableRejectsBadCodes() {
        int[] scratch = new int[64];
        int[] table = new int[HuffmanDecodeTable.size(4, 4, 15)];
        assertFalse(HuffmanDecodeTable.build(table, 4, new byte[] {1, 1, 1, 0}, 4, 15, scratch));
        assertFalse(HuffmanDecodeTable.build(table, 4, new byte[] {1, 2, 0, 0}, 4, 15, scratch));
        assertTrue(HuffmanDecodeTable.build(table, 4, new byte[] {1, 2, 3, 3}, 4, 15, scratch));
        assertTrue(HuffmanDecodeTable.build(table, 4, new byte[4], 4, 15, scratch)); // empty
        assertEquals(0, table[0]);
    }
}
