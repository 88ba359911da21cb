package org.jwim.wim.compress.lzx;

import static org.jwim.wim.compress.lzx.LzxConstants.*;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;
import org.jwim.wim.compress.ChunkDecompressor;
import org.jwim.wim.compress.CorruptChunkException;
import org.jwim.wim.compress.lz.HuffmanDecodeTable;

/**
 * LZX decoder for WIM chunks: verbatim, aligned-offset and uncompressed blocks, with the E8
 * translation undone per chunk. The window is configured from the resource chunk size, so the
 * short last chunk of a resource decodes with the same block-size field width and slot count.
 * <p>
 * The bit reader loads 16-bit little-endian words lazily, exactly when fewer bits are buffered
 * than the next read needs (16 for main/length symbols, 15 for pretree symbols, 7 for aligned
 * symbols); the raw bytes of an uncompressed block start after the last word loaded, so this
 * policy is part of the format. Input past the end reads as zero bits.
 * <p>
 * One instance per thread; reusable; allocation-free per call.
 */
public final class LzxDecompressor implements ChunkDecompressor {
    /** Root-table bits of the four codes' {@link HuffmanDecodeTable}s. */
    private static final int MAIN_BITS = 11;
    private static final int LEN_BITS = 10;
    private static final int ALIGNED_BITS = 7;
    private static final int PRE_BITS = 8;
    private static final VarHandle LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int chunkSize;
    private final int windowOrder;
    private final int numMainSyms;
    private final byte[] mainLens = new byte[MAX_MAIN_SYMS];
    private final byte[] lenLens = new byte[LEN_SYMS];
    private final byte[] alignedLens = new byte[ALIGNED_SYMS];
    private final byte[] preLens = new byte[PRE_SYMS];
    private final int[] mainTable = new int[HuffmanDecodeTable.size(MAIN_BITS, MAX_MAIN_SYMS, MAX_MAIN_CODEWORD)];
    private final int[] lenTable = new int[HuffmanDecodeTable.size(LEN_BITS, LEN_SYMS, MAX_LEN_CODEWORD)];
    private final int[] alignedTable = new int[HuffmanDecodeTable.size(ALIGNED_BITS, ALIGNED_SYMS, MAX_ALIGNED_CODEWORD)];
    private final int[] preTable = new int[HuffmanDecodeTable.size(PRE_BITS, PRE_SYMS, MAX_PRE_CODEWORD)];
    private final int[] tableScratch = new int[MAX_MAIN_SYMS + MAX_MAIN_CODEWORD + 2];

    // Bit reader state for the current call.
    private byte[] in;
    private int next;
    private int end;
    private int bitbuf;
    private int bitsleft;
    // Recent-offsets queue of the current chunk.
    private int r0;
    private int r1;
    private int r2;

    /** @param chunkSize the resource's chunk size in bytes (32 KiB .. 2 MiB; smaller works too) */
    public LzxDecompressor(int chunkSize) {
        this.windowOrder = windowOrder(chunkSize);
        this.chunkSize = chunkSize;
        this.numMainSyms = NUM_CHARS + 8 * numSlots(windowOrder);
    }

    @Override
    public void decompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen)
            throws CorruptChunkException {
        Objects.checkFromIndexSize(inOff, inLen, in.length);
        Objects.checkFromIndexSize(outOff, outLen, out.length);
        if (outLen > chunkSize) {
            throw new CorruptChunkException("LZX chunk of " + outLen + " bytes exceeds the chunk size " + chunkSize);
        }
        this.in = in;
        this.next = inOff;
        this.end = inOff + inLen;
        this.bitbuf = 0;
        this.bitsleft = 0;
        try {
            decodeChunk(out, outOff, outLen);
        } finally {
            this.in = null;
        }
    }

    private void decodeChunk(byte[] out, int outOff, int outLen) throws CorruptChunkException {
        java.util.Arrays.fill(mainLens, (byte) 0);
        java.util.Arrays.fill(lenLens, (byte) 0);
        r0 = 1;
        r1 = 1;
        r2 = 1;
        boolean mayHaveE8 = false;
        int pos = 0;
        while (pos < outLen) {
            int type = readBits(3);
            int size;
            if (readBits(1) == 1) {
                size = DEFAULT_BLOCK_SIZE;
            } else {
                size = readBits(16);
                if (windowOrder > 15) {
                    size = (size << 8) | readBits(8);
                }
            }
            if (size == 0 || size > outLen - pos) {
                throw corrupt(pos, "block size " + size + " with " + (outLen - pos) + " bytes left");
            }
            if (type == BLOCK_VERBATIM || type == BLOCK_ALIGNED) {
                readCodes(type == BLOCK_ALIGNED, pos);
                mayHaveE8 |= mainLens[0xE8] != 0;
                decodeBlock(out, outOff, pos, pos + size, outLen, type == BLOCK_ALIGNED);
            } else if (type == BLOCK_UNCOMPRESSED) {
                copyUncompressed(out, outOff, pos, size);
                mayHaveE8 = true;
            } else {
                throw corrupt(pos, "invalid block type " + type);
            }
            pos += size;
        }
        if (mayHaveE8) {
            e8Decode(out, outOff, outLen);
        }
    }

    /** Reads the aligned, main and length codes of a compressed block. */
    private void readCodes(boolean aligned, int pos) throws CorruptChunkException {
        if (aligned) {
            for (int i = 0; i < ALIGNED_SYMS; i++) {
                alignedLens[i] = (byte) readBits(3);
            }
            if (!HuffmanDecodeTable.build(alignedTable, ALIGNED_BITS, alignedLens, ALIGNED_SYMS,
                    MAX_ALIGNED_CODEWORD, tableScratch)) {
                throw corrupt(pos, "invalid aligned-offset code");
            }
        }
        readLens(mainLens, 0, NUM_CHARS, pos);
        readLens(mainLens, NUM_CHARS, numMainSyms - NUM_CHARS, pos);
        readLens(lenLens, 0, LEN_SYMS, pos);
        if (!HuffmanDecodeTable.build(mainTable, MAIN_BITS, mainLens, numMainSyms, MAX_MAIN_CODEWORD,
                tableScratch)) {
            throw corrupt(pos, "invalid main code");
        }
        if (!HuffmanDecodeTable.build(lenTable, LEN_BITS, lenLens, LEN_SYMS, MAX_LEN_CODEWORD, tableScratch)) {
            throw corrupt(pos, "invalid length code");
        }
    }

    /**
     * The hot loop: literals and matches of one verbatim or aligned block, kept apart from the
     * block headers so that the JIT compiles a small method early. The bit reader's state and
     * the recent offsets live in locals here (fields cost a load and a store per use); words
     * are still loaded lazily, exactly as {@link #ensure} does, and written back at the end.
     */
    private void decodeBlock(byte[] out, int outOff, int pos, int blockEnd, int outLen, boolean aligned)
            throws CorruptChunkException {
        // positions are absolute in out from here on: one register less in the loop
        final int start = outOff;
        final int end8 = outOff + outLen - 8; // a word copy may write up to 7 bytes past its match
        int op = outOff + pos;
        final int stopAt = outOff + blockEnd;
        final byte[] in = this.in;
        final int end = this.end;
        final int[] main = mainTable;
        int next = this.next;
        int bb = bitbuf;
        int bl = bitsleft;
        int q0 = r0;
        int q1 = r1;
        int q2 = r2;
        while (op < stopAt) {
            if (bl < MAX_MAIN_CODEWORD) {
                if (end - next < 2) {
                    bl = 32;
                } else {
                    bb |= ((in[next] & 0xFF) | (in[next + 1] & 0xFF) << 8) << (16 - bl);
                    next += 2;
                    bl += 16;
                }
            }
            int e = lookup(main, MAIN_BITS, bb >>> 16);
            bb <<= e & 31;
            bl -= e & 31;
            int sym = e >>> 5;
            if (sym < NUM_CHARS) {
                out[op++] = (byte) sym;
                continue;
            }
            sym -= NUM_CHARS;
            int len = (sym & 7) + MIN_MATCH;
            if ((sym & 7) == NUM_PRIMARY_LENS) {
                if (bl < MAX_LEN_CODEWORD) {
                    if (end - next < 2) {
                        bl = 32;
                    } else {
                        bb |= ((in[next] & 0xFF) | (in[next + 1] & 0xFF) << 8) << (16 - bl);
                        next += 2;
                        bl += 16;
                    }
                }
                int le = lookup(lenTable, LEN_BITS, bb >>> 16);
                bb <<= le & 31;
                bl -= le & 31;
                len += le >>> 5;
            }
            int slot = sym >>> 3;
            int off;
            if (slot == 0) {
                off = q0;
            } else if (slot < 3) {
                off = slot == 1 ? q1 : q2;
                if (slot == 1) {
                    q1 = q0;
                } else {
                    q2 = q0;
                }
            } else {
                int extra = EXTRA[slot];
                int verbatim = aligned && extra >= 3 ? extra - 3 : extra;
                int v = 0;
                if (verbatim > 0) {
                    while (bl < verbatim) {
                        if (end - next < 2) {
                            bl = 32;
                            break;
                        }
                        bb |= ((in[next] & 0xFF) | (in[next + 1] & 0xFF) << 8) << (16 - bl);
                        next += 2;
                        bl += 16;
                    }
                    v = bb >>> (32 - verbatim);
                    bb <<= verbatim;
                    bl -= verbatim;
                }
                if (verbatim != extra) {
                    if (bl < MAX_ALIGNED_CODEWORD) {
                        if (end - next < 2) {
                            bl = 32;
                        } else {
                            bb |= ((in[next] & 0xFF) | (in[next + 1] & 0xFF) << 8) << (16 - bl);
                            next += 2;
                            bl += 16;
                        }
                    }
                    int ae = lookup(alignedTable, ALIGNED_BITS, bb >>> 16);
                    bb <<= ae & 31;
                    bl -= ae & 31;
                    v = (v << 3) + (ae >>> 5);
                }
                off = BASE[slot] + v - 2;
                q2 = q1;
                q1 = q0;
            }
            q0 = off;
            if (off > op - start || off <= 0) {
                throw corrupt(op - start, "match offset " + Integer.toUnsignedString(off) + " before chunk start");
            }
            if (len > stopAt - op) {
                throw corrupt(op - start, "match of length " + len + " crosses the block end");
            }
            int d = op;
            int s = d - off;
            if (off >= 8 && op + len <= end8) {
                // 8 bytes at a time: each read covers only bytes already written, and the
                // bytes written past the match lie inside the chunk and are rewritten later
                int stop = d + len;
                do {
                    LONG.set(out, d, (long) LONG.get(out, s));
                    d += 8;
                    s += 8;
                } while (d < stop);
            } else if (off >= len) {
                System.arraycopy(out, s, out, d, len);
            } else {
                // overlapping: byte by byte repeats the period as LZ77 requires
                for (int k = 0; k < len; k++) {
                    out[d + k] = out[s + k];
                }
            }
            op += len;
        }
        this.next = next;
        bitbuf = bb;
        bitsleft = bl;
        r0 = q0;
        r1 = q1;
        r2 = q2;
    }

    /** An uncompressed block: word-aligned recent offsets and raw bytes. */
    private void copyUncompressed(byte[] out, int outOff, int pos, int size) throws CorruptChunkException {
        // Align to the next word; an already aligned stream skips a whole word.
        ensure(1);
        bitbuf = 0;
        bitsleft = 0;
        if (end - next < 12) {
            throw corrupt(pos, "truncated uncompressed block header");
        }
        r0 = readRawOffset();
        r1 = readRawOffset();
        r2 = readRawOffset();
        if (r0 == 0 || r1 == 0 || r2 == 0) {
            throw corrupt(pos, "zero recent offset in uncompressed block");
        }
        if (end - next < size) {
            throw corrupt(pos, "uncompressed block of " + size + " bytes is truncated");
        }
        System.arraycopy(in, next, out, outOff + pos, size);
        next += size;
        if ((size & 1) != 0 && next < end) {
            next++;
        }
    }

    /** Reads one group of delta-coded code lengths, preceded by its own pretree. */
    private void readLens(byte[] lens, int start, int count, int pos) throws CorruptChunkException {
        for (int i = 0; i < PRE_SYMS; i++) {
            preLens[i] = (byte) readBits(4);
        }
        if (!HuffmanDecodeTable.build(preTable, PRE_BITS, preLens, PRE_SYMS, MAX_PRE_CODEWORD, tableScratch)) {
            throw corrupt(pos, "invalid pretree");
        }
        int i = start;
        int stop = start + count;
        while (i < stop) {
            int presym = decodePre();
            if (presym < 17) {
                lens[i] = (byte) ((lens[i] - presym + 17) % 17);
                i++;
            } else if (presym == 17 || presym == 18) {
                int run = presym == 17 ? 4 + readBits(4) : 20 + readBits(5);
                // Runs past the group end are tolerated (as wimlib does) and clamped.
                for (int e = Math.min(stop, i + run); i < e; i++) {
                    lens[i] = 0;
                }
            } else {
                int run = 4 + readBits(1);
                int d = decodePre();
                if (d > 16) {
                    throw corrupt(pos, "pretree run symbol " + d + " after 19");
                }
                byte v = (byte) ((lens[i] - d + 17) % 17);
                for (int e = Math.min(stop, i + run); i < e; i++) {
                    lens[i] = v;
                }
            }
        }
    }

    private int readRawOffset() {
        long v = (in[next] & 0xFFL) | (in[next + 1] & 0xFFL) << 8 | (in[next + 2] & 0xFFL) << 16
                | (in[next + 3] & 0xFFL) << 24;
        next += 4;
        // Offsets beyond int range can never be valid; keep them nonzero and out of reach.
        return (int) Math.min(v, Integer.MAX_VALUE);
    }

    /** Loads words until at least n (at most 17) bits are buffered; past the end, zeros. */
    private void ensure(int n) {
        if (bitsleft < n) {
            refill(n);
        }
    }

    private void refill(int n) {
        while (bitsleft < n) {
            if (end - next < 2) {
                bitsleft = 32;
                return;
            }
            int w = (in[next] & 0xFF) | (in[next + 1] & 0xFF) << 8;
            next += 2;
            bitbuf |= w << (16 - bitsleft);
            bitsleft += 16;
        }
    }

    private int readBits(int n) {
        if (n == 0) {
            return 0;
        }
        ensure(n);
        int v = bitbuf >>> (32 - n);
        bitbuf <<= n;
        bitsleft -= n;
        return v;
    }

    private int decodePre() {
        ensure(MAX_PRE_CODEWORD);
        int e = lookup(preTable, PRE_BITS, bitbuf >>> 16);
        int l = e & 31;
        bitbuf <<= l;
        bitsleft -= l;
        return e >>> 5;
    }

    /**
     * Decodes one symbol from a 16-bit left-justified peek of the bit stream through a
     * {@link HuffmanDecodeTable}; returns {@code symbol << 5 | codeword length}. A root entry
     * already has that form; a subtable entry holds the length past the root bits.
     */
    private static int lookup(int[] table, int tableBits, int peek16) {
        int e = table[peek16 >>> (16 - tableBits)];
        if ((e & HuffmanDecodeTable.SUBTABLE) == 0) {
            return e;
        }
        int rest = (peek16 << tableBits) & 0xFFFF;
        return table[(e >>> 5) + (rest >>> (16 - (e & 15)))] + tableBits;
    }

    private static CorruptChunkException corrupt(int pos, String what) {
        return new CorruptChunkException("corrupt LZX chunk at output byte " + pos + ": " + what);
    }
}
