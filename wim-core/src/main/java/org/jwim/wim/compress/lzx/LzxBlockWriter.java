package org.jwim.wim.compress.lzx;

import static org.jwim.wim.compress.lzx.LzxConstants.*;

import org.jwim.wim.compress.lz.HuffmanCodeBuilder;

/**
 * Emits LZX blocks: header, code lengths (delta-coded against the previous block of the chunk
 * through a pretree) and the symbols of a parse. Chooses an aligned-offset block when its
 * aligned code saves more than its 24-bit header costs. Not thread-safe.
 */
final class LzxBlockWriter {
    private final BitWriter out;
    private final int windowOrder;
    private final int numMainSyms;
    private final HuffmanCodeBuilder huff;
    private final byte[] prevMain = new byte[MAX_MAIN_SYMS];
    private final byte[] prevLen = new byte[LEN_SYMS];
    private final int[] mainCodes = new int[MAX_MAIN_SYMS];
    private final int[] lenCodes = new int[LEN_SYMS];
    private final int[] alignedFreq = new int[ALIGNED_SYMS];
    private final byte[] alignedLens = new byte[ALIGNED_SYMS];
    private final int[] alignedCodes = new int[ALIGNED_SYMS];
    private final int[] preFreq = new int[PRE_SYMS];
    private final byte[] preLens = new byte[PRE_SYMS];
    private final int[] preCodes = new int[PRE_SYMS];
    /** Pretree items of one group: symbol | extra bits << 5 | follow-up symbol << 16. */
    private final int[] preItems = new int[MAX_MAIN_SYMS];
    private final int[] codeScratch = new int[MAX_MAIN_CODEWORD + 2];

    LzxBlockWriter(int capacity, int windowOrder, int numMainSyms, HuffmanCodeBuilder huff) {
        this.out = new BitWriter(capacity);
        this.windowOrder = windowOrder;
        this.numMainSyms = numMainSyms;
        this.huff = huff;
    }

    void startChunk() {
        out.reset();
        java.util.Arrays.fill(prevMain, (byte) 0);
        java.util.Arrays.fill(prevLen, (byte) 0);
    }

    int size() {
        return out.size();
    }

    int finish() {
        out.flush();
        return out.size();
    }

    byte[] bytes() {
        return out.buf;
    }

    void writeBlock(byte[] b, int start, int n, NearOptimalParser p, byte[] mainLens, byte[] lenLens) {
        // Aligned or verbatim: compare the extra-bit cost of the explicit offsets.
        java.util.Arrays.fill(alignedFreq, 0);
        long verbatimBits = 0;
        for (int k = 0; k < p.itemCount; k++) {
            int code = p.itemCode[k];
            if (p.itemLen[k] == 1 || code < 3) {
                continue;
            }
            int slot = slotOf(code);
            verbatimBits += EXTRA[slot];
            if (EXTRA[slot] >= 3) {
                alignedFreq[(code - BASE[slot]) & 7]++;
            }
        }
        boolean aligned = false;
        if (verbatimBits > 0) {
            huff.buildLengths(alignedFreq, ALIGNED_SYMS, MAX_ALIGNED_CODEWORD, alignedLens);
            long alignedBits = 3 * ALIGNED_SYMS;
            long savedBits = 0;
            for (int s = 0; s < ALIGNED_SYMS; s++) {
                savedBits += (long) alignedFreq[s] * (3 - alignedLens[s]);
            }
            aligned = savedBits > alignedBits && hasAligned();
        }
        HuffmanCodeBuilder.codewords(mainLens, numMainSyms, MAX_MAIN_CODEWORD, mainCodes, codeScratch);
        HuffmanCodeBuilder.codewords(lenLens, LEN_SYMS, MAX_LEN_CODEWORD, lenCodes, codeScratch);
        BitWriter o = out;
        o.write(aligned ? BLOCK_ALIGNED : BLOCK_VERBATIM, 3);
        if (n == DEFAULT_BLOCK_SIZE) {
            o.write(1, 1);
        } else {
            o.write(0, 1);
            if (windowOrder == 15) {
                o.write(n, 16);
            } else {
                o.write(n >>> 8, 16);
                o.write(n & 0xFF, 8);
            }
        }
        if (aligned) {
            HuffmanCodeBuilder.codewords(alignedLens, ALIGNED_SYMS, MAX_ALIGNED_CODEWORD, alignedCodes, codeScratch);
            for (int s = 0; s < ALIGNED_SYMS; s++) {
                o.write(alignedLens[s], 3);
            }
        }
        writeLens(mainLens, prevMain, 0, NUM_CHARS);
        writeLens(mainLens, prevMain, NUM_CHARS, numMainSyms - NUM_CHARS);
        writeLens(lenLens, prevLen, 0, LEN_SYMS);
        System.arraycopy(mainLens, 0, prevMain, 0, numMainSyms);
        System.arraycopy(lenLens, 0, prevLen, 0, LEN_SYMS);
        writeSymbols(b, start, p, mainLens, lenLens, aligned);
    }

    private boolean hasAligned() {
        for (int s = 0; s < ALIGNED_SYMS; s++) {
            if (alignedFreq[s] != 0) {
                return true;
            }
        }
        return false;
    }

    private void writeSymbols(byte[] b, int start, NearOptimalParser p, byte[] mainLens, byte[] lenLens,
                              boolean aligned) {
        BitWriter o = out;
        int[] mc = mainCodes;
        int pos = start;
        for (int k = 0, cnt = p.itemCount; k < cnt; k++) {
            int len = p.itemLen[k];
            if (len == 1) {
                int lit = b[pos++] & 0xFF;
                o.write(mc[lit], mainLens[lit]);
                continue;
            }
            pos += len;
            int code = p.itemCode[k];
            int slot = code < 3 ? code : slotOf(code);
            int lh = Math.min(len - MIN_MATCH, NUM_PRIMARY_LENS);
            int sym = NUM_CHARS + (slot << 3) + lh;
            o.write(mc[sym], mainLens[sym]);
            if (lh == NUM_PRIMARY_LENS) {
                int ls = len - MIN_MATCH - NUM_PRIMARY_LENS;
                o.write(lenCodes[ls], lenLens[ls]);
            }
            if (slot >= 3) {
                int extra = EXTRA[slot];
                int v = code - BASE[slot];
                if (aligned && extra >= 3) {
                    o.write(v >>> 3, extra - 3);
                    int a = v & 7;
                    o.write(alignedCodes[a], alignedLens[a]);
                } else {
                    o.write(v, extra);
                }
            }
        }
    }

    /** Writes lens[start, start+count) delta-coded against prev through a fresh pretree. */
    private void writeLens(byte[] lens, byte[] prev, int start, int count) {
        java.util.Arrays.fill(preFreq, 0);
        int items = 0;
        int end = start + count;
        int i = start;
        while (i < end) {
            int v = lens[i];
            int run = 1;
            while (i + run < end && lens[i + run] == v) {
                run++;
            }
            if (run >= 4) {
                if (v == 0) {
                    while (run >= 20) {
                        int r = Math.min(run, 51);
                        preItems[items++] = 18 | (r - 20) << 5;
                        preFreq[18]++;
                        i += r;
                        run -= r;
                    }
                    if (run >= 4) {
                        preItems[items++] = 17 | (run - 4) << 5;
                        preFreq[17]++;
                        i += run;
                        run = 0;
                    }
                } else {
                    while (run >= 4) {
                        int r = Math.min(run, 5);
                        int d = (prev[i] - v + 17) % 17;
                        preItems[items++] = 19 | (r - 4) << 5 | d << 16;
                        preFreq[19]++;
                        preFreq[d]++;
                        i += r;
                        run -= r;
                    }
                }
            }
            for (; run > 0; run--, i++) {
                int d = (prev[i] - lens[i] + 17) % 17;
                preItems[items++] = d;
                preFreq[d]++;
            }
        }
        huff.buildLengths(preFreq, PRE_SYMS, MAX_PRE_CODEWORD, preLens);
        HuffmanCodeBuilder.codewords(preLens, PRE_SYMS, MAX_PRE_CODEWORD, preCodes, codeScratch);
        BitWriter o = out;
        for (int s = 0; s < PRE_SYMS; s++) {
            o.write(preLens[s], 4);
        }
        for (int k = 0; k < items; k++) {
            int it = preItems[k];
            int sym = it & 31;
            o.write(preCodes[sym], preLens[sym]);
            if (sym == 17) {
                o.write(it >>> 5, 4);
            } else if (sym == 18) {
                o.write(it >>> 5, 5);
            } else if (sym == 19) {
                o.write((it >>> 5) & 1, 1);
                int d = it >>> 16;
                o.write(preCodes[d], preLens[d]);
            }
        }
    }
}
