package org.jwim.wim.compress.lzms;

import java.util.Arrays;

import org.jwim.wim.compress.lz.HuffmanCodeBuilder;
import org.jwim.wim.compress.lz.HuffmanDecodeTable;

/**
 * One adaptive LZMS Huffman code: symbol counts start at 1 and the code is built at once; every
 * decoded symbol is counted, and after {@code rebuildFreq} symbols the code is rebuilt from the
 * current counts (wimlib-exact construction) and the counts are halved: f = f / 2 + 1.
 */
final class LzmsAdaptiveCode {
    static final int MAX_LEN = 15;

    final int tableBits;
    private final int rebuildFreq;
    private final HuffmanCodeBuilder builder;
    private final int[] scratch;
    final int[] freqs;
    private final byte[] lens;
    final int[] table;
    int numSyms;
    int countdown;

    LzmsAdaptiveCode(int maxSyms, int tableBits, int rebuildFreq, HuffmanCodeBuilder builder,
                     int[] scratch) {
        this.tableBits = tableBits;
        this.rebuildFreq = rebuildFreq;
        this.builder = builder;
        this.scratch = scratch;
        this.freqs = new int[Math.max(maxSyms, 2)];
        this.lens = new byte[Math.max(maxSyms, 2)];
        this.table = new int[HuffmanDecodeTable.size(tableBits, Math.max(maxSyms, 2), MAX_LEN)];
    }

    /** Resets to {@code n} symbols, all with count 1, and builds the first code. */
    void reset(int n) {
        numSyms = n;
        Arrays.fill(freqs, 0, n, 1);
        build();
    }

    /** Called after a symbol was counted and the countdown reached zero. */
    void rebuild() {
        build();
        int[] f = freqs;
        for (int s = 0; s < numSyms; s++) {
            f[s] = (f[s] >>> 1) + 1;
        }
    }

    private void build() {
        builder.buildLengths(freqs, numSyms, MAX_LEN, lens);
        // a one-symbol alphabet gets codewords for symbols 0 and 1; symbol 1 is then invalid and
        // rejected by the caller
        int tableSyms = Math.max(numSyms, numSyms == 1 ? 2 : 0);
        if (!HuffmanDecodeTable.build(table, tableBits, lens, tableSyms, MAX_LEN, scratch)) {
            throw new AssertionError("LZMS code built from counts is not complete");
        }
        countdown = rebuildFreq;
    }
}
