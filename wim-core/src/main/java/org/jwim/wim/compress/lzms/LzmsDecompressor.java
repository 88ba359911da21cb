package org.jwim.wim.compress.lzms;

import java.util.Objects;

import org.jwim.wim.compress.ChunkDecompressor;
import org.jwim.wim.compress.CorruptChunkException;
import org.jwim.wim.compress.lz.HuffmanCodeBuilder;
import org.jwim.wim.compress.lz.HuffmanDecodeTable;

/**
 * Decoder for LZMS chunks (one raw LZMS block per WIM chunk, any size up to 1 GiB).
 *
 * <p>The chunk is a sequence of 16-bit little-endian words read from both ends: forwards by a
 * binary range decoder with adaptive probabilities (item types and repeat-offset choices),
 * backwards MSB-first for the adaptive Huffman symbols and raw extra bits; words past either end
 * read as zero. Items are literals, LZ matches and delta matches, each match with an explicit or
 * one of three repeat offsets (queue updates delayed by one item). The x86 address translation
 * is undone at the end.
 *
 * <p>Not thread-safe: one instance per thread, reusable. About 450 KiB of tables are allocated
 * once; nothing is sized by the chunk.
 */
public final class LzmsDecompressor implements ChunkDecompressor {
    private static final int NUM_LITERAL_SYMS = 256;
    private static final int NUM_DELTA_POWER_SYMS = 8;
    private static final int PROB_BITS = 6;
    private static final long INITIAL_HISTORY = 0x0000_0000_5555_5555L;
    private static final int INITIAL_ZEROS = 48;
    // probability contexts, each a block of entries in the shared arrays below
    private static final int MAIN = 0;          // 16 states
    private static final int MATCH = 16;        // 32
    private static final int LZ = 48;           // 64
    private static final int LZ_REP0 = 112;     // 64
    private static final int LZ_REP1 = 176;     // 64
    private static final int DELTA = 240;       // 64
    private static final int DELTA_REP0 = 304;  // 64
    private static final int DELTA_REP1 = 368;  // 64
    private static final int NUM_PROBS = 432;

    private final int[] zeros = new int[NUM_PROBS];
    private final long[] history = new long[NUM_PROBS];

    private final LzmsAdaptiveCode literalCode;
    private final LzmsAdaptiveCode lzOffsetCode;
    private final LzmsAdaptiveCode lengthCode;
    private final LzmsAdaptiveCode deltaOffsetCode;
    private final LzmsAdaptiveCode deltaPowerCode;
    private final LzmsX86Filter x86 = new LzmsX86Filter();

    // range decoder (forward stream); unsigned 32-bit values held in longs
    private long range;
    private long code;
    private int fwdPos;
    private int fwdEnd;
    // bit reader (backward stream): left-aligned buffer, next bit is bit 63
    private long bitBuf;
    private int bitCount;
    private int bwdPos;
    private int bwdStart;
    /** The chunk being decoded, only during a call. */
    private byte[] input;

    public LzmsDecompressor() {
        HuffmanCodeBuilder builder = new HuffmanCodeBuilder();
        int[] scratch = new int[LzmsTables.NUM_OFFSET_SLOTS + LzmsAdaptiveCode.MAX_LEN + 2];
        literalCode = new LzmsAdaptiveCode(NUM_LITERAL_SYMS, 10, 1024, builder, scratch);
        lzOffsetCode = new LzmsAdaptiveCode(LzmsTables.NUM_OFFSET_SLOTS, 11, 1024, builder, scratch);
        lengthCode = new LzmsAdaptiveCode(LzmsTables.NUM_LENGTH_SLOTS, 9, 512, builder, scratch);
        deltaOffsetCode = new LzmsAdaptiveCode(LzmsTables.NUM_OFFSET_SLOTS, 11, 1024, builder, scratch);
        deltaPowerCode = new LzmsAdaptiveCode(NUM_DELTA_POWER_SYMS, 7, 512, builder, scratch);
    }

    @Override
    public void decompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen)
            throws CorruptChunkException {
        Objects.checkFromIndexSize(inOff, inLen, in.length);
        Objects.checkFromIndexSize(outOff, outLen, out.length);
        if ((inLen & 1) != 0 || inLen < 4) {
            throw new CorruptChunkException("LZMS chunk of " + inLen
                    + " bytes: the size must be even and at least 4");
        }
        range = 0xFFFF_FFFFL;
        code = ((long) u16(in, inOff) << 16) | u16(in, inOff + 2);
        fwdPos = inOff + 4;
        fwdEnd = inOff + inLen;
        bitBuf = 0;
        bitCount = 0;
        bwdPos = inOff + inLen;
        bwdStart = inOff;
        for (int i = 0; i < NUM_PROBS; i++) {
            zeros[i] = INITIAL_ZEROS;
            history[i] = INITIAL_HISTORY;
        }
        int numOffsetSlots = LzmsTables.numOffsetSlots(outLen);
        literalCode.reset(NUM_LITERAL_SYMS);
        lzOffsetCode.reset(numOffsetSlots);
        lengthCode.reset(LzmsTables.NUM_LENGTH_SLOTS);
        deltaOffsetCode.reset(numOffsetSlots);
        deltaPowerCode.reset(NUM_DELTA_POWER_SYMS);
        input = in;
        try {
            decodeItems(out, outOff, outLen);
        } finally {
            input = null;
        }
        x86.undo(out, outOff, outLen);
    }

    private void decodeItems(byte[] out, int outOff, int outLen) throws CorruptChunkException {
        int lz0 = 1;
        int lz1 = 2;
        int lz2 = 3;
        int lz3 = 4;
        long d0 = 1;
        long d1 = 2;
        long d2 = 3;
        long d3 = 4;
        int prevType = 0; // 0 literal, 1 LZ match, 2 delta match
        int mainState = 0;
        int matchState = 0;
        int lzState = 0;
        int lzRep0State = 0;
        int lzRep1State = 0;
        int deltaState = 0;
        int deltaRep0State = 0;
        int deltaRep1State = 0;
        int op = outOff;
        final int outEnd = outOff + outLen;
        while (op < outEnd) {
            int bit = decodeBit(MAIN + mainState);
            mainState = ((mainState << 1) & 15) | bit;
            if (bit == 0) {
                out[op++] = (byte) decodeSymbol(literalCode);
                prevType = 0;
                continue;
            }
            bit = decodeBit(MATCH + matchState);
            matchState = ((matchState << 1) & 31) | bit;
            if (bit == 0) {
                int offset;
                bit = decodeBit(LZ + lzState);
                lzState = ((lzState << 1) & 63) | bit;
                if (bit == 0) {
                    offset = decodeOffset(lzOffsetCode, op - outOff);
                    lz3 = lz2;
                    lz2 = lz1;
                    lz1 = lz0;
                } else {
                    int d = prevType & 1; // the previous LZ match is not in the queue yet
                    bit = decodeBit(LZ_REP0 + lzRep0State);
                    lzRep0State = ((lzRep0State << 1) & 63) | bit;
                    if (bit == 0) {
                        if (d == 0) {
                            offset = lz0;
                        } else {
                            offset = lz1;
                            lz1 = lz0;
                        }
                    } else {
                        bit = decodeBit(LZ_REP1 + lzRep1State);
                        lzRep1State = ((lzRep1State << 1) & 63) | bit;
                        if (bit == 0) {
                            if (d == 0) {
                                offset = lz1;
                            } else {
                                offset = lz2;
                                lz2 = lz1;
                            }
                            lz1 = lz0;
                        } else {
                            if (d == 0) {
                                offset = lz2;
                            } else {
                                offset = lz3;
                                lz3 = lz2;
                            }
                            lz2 = lz1;
                            lz1 = lz0;
                        }
                    }
                }
                lz0 = offset;
                prevType = 1;
                int length = decodeLength();
                int produced = op - outOff;
                if (offset > produced) {
                    throw new CorruptChunkException("LZMS match at output byte " + produced
                            + " has offset " + offset + " before the chunk start");
                }
                if (length > outEnd - op) {
                    throw new CorruptChunkException("LZMS match at output byte " + produced
                            + " of length " + length + " overruns the " + outLen + "-byte chunk");
                }
                copyMatch(out, op, offset, length);
                op += length;
                continue;
            }
            long pair;
            bit = decodeBit(DELTA + deltaState);
            deltaState = ((deltaState << 1) & 63) | bit;
            if (bit == 0) {
                int power = decodeSymbol(deltaPowerCode);
                int raw = decodeOffset(deltaOffsetCode, op - outOff);
                pair = ((long) power << 32) | raw;
                d3 = d2;
                d2 = d1;
                d1 = d0;
            } else {
                int d = prevType >>> 1;
                bit = decodeBit(DELTA_REP0 + deltaRep0State);
                deltaRep0State = ((deltaRep0State << 1) & 63) | bit;
                if (bit == 0) {
                    if (d == 0) {
                        pair = d0;
                    } else {
                        pair = d1;
                        d1 = d0;
                    }
                } else {
                    bit = decodeBit(DELTA_REP1 + deltaRep1State);
                    deltaRep1State = ((deltaRep1State << 1) & 63) | bit;
                    if (bit == 0) {
                        if (d == 0) {
                            pair = d1;
                        } else {
                            pair = d2;
                            d2 = d1;
                        }
                        d1 = d0;
                    } else {
                        if (d == 0) {
                            pair = d2;
                        } else {
                            pair = d3;
                            d3 = d2;
                        }
                        d2 = d1;
                        d1 = d0;
                    }
                }
            }
            d0 = pair;
            prevType = 2;
            int length = decodeLength();
            int power = (int) (pair >>> 32);
            long raw = pair & 0xFFFF_FFFFL;
            long span = 1L << power;
            long offset = raw << power;
            int produced = op - outOff;
            if (offset + span > produced) {
                throw new CorruptChunkException("LZMS delta match at output byte " + produced
                        + " (offset " + offset + ", span " + span + ") reaches before the chunk start");
            }
            if (length > outEnd - op) {
                throw new CorruptChunkException("LZMS delta match at output byte " + produced
                        + " of length " + length + " overruns the " + outLen + "-byte chunk");
            }
            int s = (int) span;
            int m = op - (int) offset;
            for (int i = 0; i < length; i++, op++, m++) {
                out[op] = (byte) (out[m] + out[op - s] - out[m - s]);
            }
        }
    }

    private static void copyMatch(byte[] out, int op, int offset, int length) {
        int src = op - offset;
        if (offset >= length) {
            System.arraycopy(out, src, out, op, length);
        } else {
            for (int i = 0; i < length; i++) {
                out[op + i] = out[src + i];
            }
        }
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | ((b[off + 1] & 0xFF) << 8);
    }

    /** Decodes one bit with probability entry {@code idx}, updating the entry. */
    private int decodeBit(int idx) {
        int prob = zeros[idx];
        if (prob == 0) {
            prob = 1;
        } else if (prob == 1 << PROB_BITS) {
            prob--;
        }
        long r = range;
        long c = code;
        if (r < 0x10000) { // normalize before computing the bound
            r <<= 16;
            c = (c << 16) & 0xFFFF_FFFFL;
            if (fwdPos != fwdEnd) {
                c |= u16(input, fwdPos);
                fwdPos += 2;
            }
        }
        long bound = (r >>> PROB_BITS) * prob;
        long h = history[idx];
        int bit;
        if (c < bound) {
            r = bound;
            bit = 0;
        } else {
            r -= bound;
            c -= bound;
            bit = 1;
        }
        range = r;
        code = c;
        zeros[idx] += (int) (h >>> 63) - bit;
        history[idx] = (h << 1) | bit;
        return bit;
    }

    private void ensureBits(int n) {
        if (bitCount >= n) {
            return;
        }
        do {
            int w = 0;
            if (bwdPos - 2 >= bwdStart) {
                bwdPos -= 2;
                w = u16(input, bwdPos);
            }
            bitBuf |= (long) w << (48 - bitCount);
            bitCount += 16;
        } while (bitCount <= 48);
    }

    /** Reads n (0..30) raw bits. */
    private int readBits(int n) {
        if (n == 0) {
            return 0;
        }
        ensureBits(n);
        int v = (int) (bitBuf >>> (64 - n));
        bitBuf <<= n;
        bitCount -= n;
        return v;
    }

    private int decodeSymbol(LzmsAdaptiveCode h) {
        ensureBits(LzmsAdaptiveCode.MAX_LEN);
        int[] t = h.table;
        int e = t[(int) (bitBuf >>> (64 - h.tableBits))];
        if ((e & HuffmanDecodeTable.SUBTABLE) != 0) {
            bitBuf <<= h.tableBits;
            bitCount -= h.tableBits;
            e = t[(e >>> 5) + (int) (bitBuf >>> (64 - (e & 15)))];
        }
        int n = e & 15;
        bitBuf <<= n;
        bitCount -= n;
        int sym = e >>> 5;
        if (sym < h.numSyms) { // only a one-symbol alphabet can yield a larger one
            h.freqs[sym]++;
        }
        if (--h.countdown == 0) {
            h.rebuild();
        }
        return sym;
    }

    private int decodeOffset(LzmsAdaptiveCode h, int produced) throws CorruptChunkException {
        int slot = decodeSymbol(h);
        if (slot >= h.numSyms) {
            throw new CorruptChunkException("LZMS offset slot " + slot + " at output byte "
                    + produced + " is outside the " + h.numSyms + "-slot alphabet");
        }
        return LzmsTables.OFFSET_BASE[slot] + readBits(LzmsTables.OFFSET_EXTRA[slot]);
    }

    private int decodeLength() {
        int slot = decodeSymbol(lengthCode);
        return LzmsTables.LENGTH_BASE[slot] + readBits(LzmsTables.LENGTH_EXTRA[slot]);
    }
}
