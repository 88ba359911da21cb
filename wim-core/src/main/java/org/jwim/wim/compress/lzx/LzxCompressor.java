package org.jwim.wim.compress.lzx;

import static org.jwim.wim.compress.lzx.LzxConstants.*;
import static org.jwim.wim.compress.lzx.NearOptimalParser.COST_SHIFT;

import java.util.Objects;
import org.jwim.wim.compress.ChunkCompressor;
import org.jwim.wim.compress.lz.HuffmanCodeBuilder;
import org.jwim.wim.compress.lz.IncompressibleProbe;

/**
 * LZX encoder for WIM chunks. Per chunk: E8 translation on a private copy, then per block of
 * up to 32 KiB a binary-tree match search and a near-optimal parse priced with Huffman code
 * lengths: those of the previous block of the chunk, or for the first block those built from a
 * quick lazy parse. The block's codes are built from the final parse and it is emitted as
 * verbatim or aligned-offset, whichever is smaller. Chunks under 64 bytes are not compressed
 * (0 is returned), as wimlib does, and neither are chunks that {@link IncompressibleProbe} finds
 * random-like when the result must be smaller than the input: the match search would cost about
 * 20x the probe for nothing.
 * <p>
 * One instance per thread; reusable; buffers are allocated once per instance and the output
 * depends only on the chunk.
 */
public final class LzxCompressor implements ChunkCompressor {
    private static final int BLOCK = 32768;
    private static final int MIN_INPUT = 64;
    private static final int NICE_LEN = 32;
    private static final int DEPTH = 16;
    /** Near-optimal parses per block; a second one gains ~0.3% for ~35% more time. */
    private static final int PASSES = 1;
    /** Match lengths that end the search; LZX matches are at most 257 bytes. */
    private static final int MAX_NICE_LEN = MAX_MATCH;
    /** Tree depth cap: the match cache holds depth + 2 entries per position of a block. */
    private static final int MAX_DEPTH = 128;
    /** Price of a symbol the previous code did not use (it may still pay off). */
    private static final int UNUSED_BITS = 15;

    private final int chunkSize;
    private final int windowOrder;
    private final int numMainSyms;
    private final int numSlots;
    private final int passes;
    private final byte[] buf;
    private final BtMatchFinder mf;
    private final NearOptimalParser parser;
    private final LzxBlockWriter writer;
    private final HuffmanCodeBuilder huff = new HuffmanCodeBuilder();
    private final IncompressibleProbe probe = new IncompressibleProbe();
    private final int[] mainFreq = new int[MAX_MAIN_SYMS];
    private final int[] lenFreq = new int[LEN_SYMS];
    private final byte[] mainLens = new byte[MAX_MAIN_SYMS];
    private final byte[] lenLens = new byte[LEN_SYMS];
    private final int[] mainCost = new int[MAX_MAIN_SYMS];
    private final int[] lenCost = new int[LEN_SYMS];

    /** @param chunkSize the resource chunk size in bytes (32 KiB .. 2 MiB; smaller works too) */
    public LzxCompressor(int chunkSize) {
        this(chunkSize, NICE_LEN, DEPTH, PASSES);
    }

    /**
     * An encoder with a chosen effort (the one-argument constructor uses 32, 16 and 1).
     *
     * @param chunkSize the resource chunk size in bytes
     * @param niceLen   match length that ends the search at a position (3..257)
     * @param depth     binary-tree nodes visited per position (1..128)
     * @param passes    near-optimal parses per block (0: the lazy parse alone, fast; 1..4)
     */
    public LzxCompressor(int chunkSize, int niceLen, int depth, int passes) {
        if (niceLen < MIN_MATCH || niceLen > MAX_NICE_LEN || depth < 1 || depth > MAX_DEPTH
                || passes < 0 || passes > 4) {
            throw new IllegalArgumentException("nice length " + niceLen + ", depth " + depth + ", passes " + passes);
        }
        this.passes = passes;
        this.chunkSize = chunkSize;
        this.windowOrder = windowOrder(chunkSize);
        int slots = numSlots(windowOrder);
        this.numSlots = slots;
        this.numMainSyms = NUM_CHARS + 8 * slots;
        this.buf = new byte[chunkSize + BtMatchFinder.PADDING];
        this.mf = new BtMatchFinder(chunkSize);
        int block = Math.min(BLOCK, chunkSize);
        this.parser = new NearOptimalParser(mf, block, niceLen, depth);
        this.writer = new LzxBlockWriter(chunkSize + 4 * block + 8192, windowOrder, numMainSyms, huff);
    }

    @Override
    public int compress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int maxOut) {
        Objects.checkFromIndexSize(inOff, inLen, in.length);
        Objects.checkFromIndexSize(outOff, Math.max(0, maxOut), out.length);
        if (inLen > chunkSize) {
            throw new IllegalArgumentException("chunk of " + inLen + " bytes exceeds the chunk size " + chunkSize);
        }
        if (inLen < MIN_INPUT || maxOut <= 0
                || probe.cannotShrink(in, inOff, inLen, maxOut)) {
            return 0;
        }
        final byte[] b = buf;
        System.arraycopy(in, inOff, b, 0, inLen);
        java.util.Arrays.fill(b, inLen, inLen + BtMatchFinder.PADDING, (byte) 0);
        e8Encode(b, 0, inLen);
        mf.reset(b);
        writer.startChunk();
        int budget = Math.min(maxOut, chunkSize);
        int r0 = 1;
        int r1 = 1;
        int r2 = 1;
        boolean haveCodes = false;
        for (int start = 0; start < inLen; start += BLOCK) {
            int n = Math.min(BLOCK, inLen - start);
            parser.findMatches(start, n, inLen);
            if (!haveCodes || passes == 0) {
                // No codes yet in this chunk: price the first parse from a lazy parse's counts.
                parser.lazyParse(b, start, n, r0, r1, r2);
                countAndBuild(b, start);
            }
            for (int pass = 0; pass < passes; pass++) {
                costsFromLens();
                parser.setCosts(mainCost, lenCost, numSlots);
                parser.parse(b, start, n, r0, r1, r2, mainCost);
                countAndBuild(b, start);
            }
            haveCodes = true;
            writer.writeBlock(b, start, n, parser, mainLens, lenLens);
            r0 = parser.endR0;
            r1 = parser.endR1;
            r2 = parser.endR2;
            if (writer.size() > budget) {
                return 0;
            }
        }
        int size = writer.finish();
        if (size > maxOut) {
            return 0;
        }
        System.arraycopy(writer.bytes(), 0, out, outOff, size);
        return size;
    }

    private void costsFromLens() {
        for (int s = 0; s < numMainSyms; s++) {
            int l = mainLens[s];
            mainCost[s] = (l == 0 ? UNUSED_BITS : l) << COST_SHIFT;
        }
        for (int s = 0; s < LEN_SYMS; s++) {
            int l = lenLens[s];
            lenCost[s] = (l == 0 ? UNUSED_BITS : l) << COST_SHIFT;
        }
    }

    /** Counts the symbols of the current parse and builds main and length code lengths. */
    private void countAndBuild(byte[] b, int start) {
        java.util.Arrays.fill(mainFreq, 0);
        java.util.Arrays.fill(lenFreq, 0);
        NearOptimalParser p = parser;
        int pos = start;
        for (int k = 0; k < p.itemCount; k++) {
            int len = p.itemLen[k];
            if (len == 1) {
                mainFreq[b[pos++] & 0xFF]++;
                continue;
            }
            int code = p.itemCode[k];
            int slot = code < 3 ? code : slotOf(code);
            int lh = Math.min(len - MIN_MATCH, NUM_PRIMARY_LENS);
            mainFreq[NUM_CHARS + (slot << 3) + lh]++;
            if (lh == NUM_PRIMARY_LENS) {
                lenFreq[len - MIN_MATCH - NUM_PRIMARY_LENS]++;
            }
            pos += len;
        }
        huff.buildLengths(mainFreq, numMainSyms, MAX_MAIN_CODEWORD, mainLens);
        huff.buildLengths(lenFreq, LEN_SYMS, MAX_LEN_CODEWORD, lenLens);
        if (allZero(lenLens)) {
            lenLens[0] = 1;
            lenLens[1] = 1;
        }
    }

    private static boolean allZero(byte[] a) {
        for (byte v : a) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }
}
