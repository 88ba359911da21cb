package org.jwim.wim.compress.xpress;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

import org.jwim.wim.compress.ChunkCompressor;
import org.jwim.wim.compress.lz.HuffmanCodeBuilder;
import org.jwim.wim.compress.lz.IncompressibleProbe;

/**
 * Encoder for XPRESS (LZ77 + Huffman) chunks of up to 64 KiB as stored in WIM resources.
 *
 * <p>Parsing is lazy (one position of look-ahead) over a hash-chain match finder: a one-entry
 * table for 3-byte matches plus chains over 4-byte hashes, searched at most {@code depth} links
 * deep and stopped at {@code nice} bytes. A longer match at the next position replaces the
 * current one only when its extra length pays for the literal and its extra offset bits. A
 * length-3 match further back than 4 KiB (2 KiB for chunks of at most 8 KiB) is not worth its
 * offset bits and is coded as literals. When the result must be smaller than the input, a
 * chunk that {@link IncompressibleProbe} finds random-like is not parsed at all (0 is returned). The end-of-data symbol 256 is always
 * emitted (WIMGAPI needs it), bits are written two 16-bit words ahead of the raw length bytes
 * and the stream ends with the partial word plus one zero word.
 *
 * <p>The compressed size is computed exactly from the symbol counts before anything is written,
 * so a chunk that would not fit in {@code maxOut} costs no output work.
 *
 * <p>Not thread-safe: one instance per thread, reusable; arrays are allocated once (about
 * 800 KiB) and the output never depends on earlier calls.
 */
public final class XpressCompressor implements ChunkCompressor {
    private static final int NUM_SYMS = XpressDecompressor.NUM_SYMS;
    private static final int MAX_LEN = XpressDecompressor.MAX_LEN;
    private static final int MAX_CHUNK = XpressDecompressor.MAX_CHUNK;
    private static final int MIN_MATCH = 3;
    private static final int MAX_MATCH = 65538;
    private static final int HASH4_BITS = 16;
    private static final int HASH_MUL = 0x1E35A7BD;
    private static final int SHIFT4 = 32 - HASH4_BITS;
    private static final int SHIFT3 = SHIFT4 + 1;
    private static final VarHandle INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private final int depth;
    private final int nice;
    // Match finder: window positions are stored as position + 1 in 16-bit cells, 0 = none
    // (only positions with 4 readable bytes are inserted, so position + 1 < 65536); half-size
    // cells keep the tables in cache. One table, so that the loops keep one array in a
    // register: the chain link of each window position, then the 4-byte heads, then the
    // 3-byte heads. Hash widths are constants (shifts by a register cost a move into CL).
    private static final int HEAD4 = MAX_CHUNK;
    private static final int HEAD3 = HEAD4 + (1 << HASH4_BITS);
    private final char[] tab = new char[HEAD3 + (1 << (HASH4_BITS - 1))];
    /** The chunks, copied so that positions are array indices (no offset to carry around). */
    private final byte[] win = new byte[MAX_CHUNK];
    private int winStart;
    private int winUsed = MAX_CHUNK;
    /** Literal: byte << 16; match: (length - 3) << 16 | offset. */
    private final int[] items = new int[MAX_CHUNK];
    private final int[] freqs = new int[NUM_SYMS];
    private final byte[] lens = new byte[NUM_SYMS];
    private final int[] codes = new int[NUM_SYMS];
    private final int[] scratch = new int[MAX_LEN + 2];
    private final HuffmanCodeBuilder huffman = new HuffmanCodeBuilder();
    private final IncompressibleProbe probe = new IncompressibleProbe();
    private int extraBits;
    private int rawBytes;

    /**
     * An encoder with the default effort: search depth 16, nice length 32. Measured on the
     * generated OS-like sample, depth 46/nice 93 gains 0.33% in size for 1.45x the time.
     */
    public XpressCompressor() {
        this(16, 32);
    }

    /**
     * @param depth maximum hash-chain links followed per position (1..4096)
     * @param nice  match length that stops the search at once (3..65538)
     */
    public XpressCompressor(int depth, int nice) {
        if (depth < 1 || depth > 4096 || nice < MIN_MATCH || nice > MAX_MATCH) {
            throw new IllegalArgumentException("depth " + depth + ", nice " + nice);
        }
        this.depth = depth;
        this.nice = nice;
    }

    @Override
    public int compress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int maxOut) {
        Objects.checkFromIndexSize(inOff, inLen, in.length);
        if (inLen > MAX_CHUNK) {
            throw new IllegalArgumentException("XPRESS chunk of " + inLen + " bytes exceeds 65536");
        }
        maxOut = Math.min(maxOut, out.length - outOff);
        Objects.checkIndex(outOff, out.length + 1);
        // 256-byte table + at least one symbol word + the zero word
        if (inLen == 0 || maxOut < NUM_SYMS / 2 + 4
                || probe.cannotShrink(in, inOff, inLen, maxOut)) {
            return 0;
        }
        // The chunk goes after the previous one in the window while both fit, so that the
        // tables need clearing only when the window restarts: entries of earlier chunks are
        // positions below the chunk's start and end the search like empty ones.
        if (winStart + winUsed + inLen > MAX_CHUNK) {
            Arrays.fill(tab, HEAD4, tab.length, (char) 0);
            winStart = 0;
            winUsed = 0;
        } else {
            winStart += winUsed;
        }
        winUsed = inLen;
        System.arraycopy(in, inOff, win, winStart, inLen);
        Arrays.fill(freqs, 0);
        extraBits = 0;
        rawBytes = 0;
        int numItems = parse(winStart, inLen);
        freqs[256]++; // end-of-data symbol
        huffman.buildLengths(freqs, NUM_SYMS, MAX_LEN, lens);
        long bits = extraBits;
        for (int s = 0; s < NUM_SYMS; s++) {
            bits += (long) freqs[s] * lens[s];
        }
        long size = NUM_SYMS / 2 + 2 * ((bits + 15) / 16 + 1) + rawBytes;
        if (size > maxOut) {
            return 0;
        }
        HuffmanCodeBuilder.codewords(lens, NUM_SYMS, MAX_LEN, codes, scratch);
        int written = write(out, outOff, numItems);
        assert written == size : written + " != " + size;
        return written;
    }

    /**
     * Chooses literals and matches (lazy parsing), counting symbols as it goes. One loop over
     * the positions with the hash-chain search written out in it: a call to a separate search
     * method made the JIT spill and reload every value of this loop around it (HotSpot's calls
     * save no registers), and the tables read from fields were reloaded after each call.
     */
    private int parse(final int start, int len) {
        final byte[] in = win;
        final int end = start + len;
        final int lastHashed = end - 4; // the last position with 4 readable bytes
        final int tooFar3 = len <= 8192 ? 2048 : 4096;
        final int[] it = items;
        final int[] f = freqs;
        final char[] t = tab;
        final int niceMax = nice;
        final int fullDepth = depth;
        final int lazyDepth = Math.max(1, depth >> 1);
        int n = 0;
        int p = start;
        int pendLen = 0; // a match found at p - 1, kept unless the search at p finds a longer one
        int pendOff = 0;
        while (p < end) {
            if (p > lastHashed) { // too short for the 4-byte hash: no search
                if (pendLen != 0) {
                    n = emitMatch(n, pendLen, pendOff);
                    p += pendLen - 1;
                    pendLen = 0;
                    continue;
                }
                int b = in[p++] & 0xFF;
                it[n++] = b << 16;
                f[b]++;
                continue;
            }
            final int v = (int) INT.get(in, p);
            final int cur = p + 1; // stored positions are position + 1, 0 = none
            final int h3 = ((v & 0xFFFFFF) * HASH_MUL) >>> SHIFT3;
            final int h4 = (v * HASH_MUL) >>> SHIFT4;
            final int cand3 = t[HEAD3 + h3];
            t[HEAD3 + h3] = (char) cur;
            int cand = t[HEAD4 + h4];
            t[HEAD4 + h4] = (char) cur;
            t[p] = (char) cand;
            final int maxLen = Math.min(end - p, MAX_MATCH);
            final int niceLen = Math.min(maxLen, niceMax);
            int best = pendLen == 0 ? MIN_MATCH - 1 : pendLen;
            int bestOff = 0;
            search:
            {
                int d = pendLen == 0 ? fullDepth : lazyDepth;
                if (best < 4) {
                    if (cand3 <= start) {
                        break search; // no earlier position shares even the 3-byte hash
                    }
                    if (best < MIN_MATCH) {
                        int q = cand3 - 1;
                        if ((((int) INT.get(in, q) ^ v) & 0xFFFFFF) == 0) {
                            best = MIN_MATCH;
                            bestOff = p - q;
                        }
                    }
                    // no 4-byte match yet: the first candidate whose first 4 bytes match sets the bar
                    for (; d > 0; d--) {
                        if (cand <= start) {
                            break;
                        }
                        int q = cand - 1;
                        cand = t[q];
                        if ((int) INT.get(in, q) == v) {
                            best = extend(in, q, p, 4, maxLen);
                            bestOff = p - q;
                            if (best >= niceLen) {
                                break search;
                            }
                            d--;
                            break;
                        }
                    }
                    if (best < 4) {
                        break search;
                    }
                } else if (best >= niceLen) {
                    break search;
                }
                // the 4 bytes ending at the current best length decide most rejections
                int tail = (int) INT.get(in, p + best - 3);
                for (; d > 0; d--) {
                    if (cand <= start) {
                        break;
                    }
                    int q = cand - 1;
                    cand = t[q];
                    if ((int) INT.get(in, q + best - 3) != tail || (int) INT.get(in, q) != v) {
                        continue;
                    }
                    int l = extend(in, q, p, 4, maxLen);
                    if (l > best) {
                        best = l;
                        bestOff = p - q;
                        if (l >= niceLen) {
                            break;
                        }
                        tail = (int) INT.get(in, p + best - 3);
                    }
                }
            }
            if (pendLen != 0) {
                // p - 1 becomes a literal and the longer match waits in turn only when its
                // extra length pays for that literal and for its extra offset bits (zstd's
                // lazy rule: 4 units a byte, 1 an offset bit, 4 the literal)
                if (best > pendLen && 4 * (best - pendLen - 1)
                        > Integer.numberOfLeadingZeros(pendOff) - Integer.numberOfLeadingZeros(bestOff)) {
                    int b = in[p - 1] & 0xFF;
                    it[n++] = b << 16;
                    f[b]++;
                    pendLen = best;
                    pendOff = bestOff;
                    p++;
                    if (best >= niceMax) {
                        n = emitMatch(n, best, bestOff);
                        skip(in, p, end, best - 1);
                        p += best - 1;
                        pendLen = 0;
                    }
                    continue;
                }
                n = emitMatch(n, pendLen, pendOff);
                skip(in, p + 1, end, pendLen - 2);
                p += pendLen - 1;
                pendLen = 0;
                continue;
            }
            p++;
            if (best < MIN_MATCH || (best == MIN_MATCH && bestOff >= tooFar3)) {
                int b = in[p - 1] & 0xFF;
                it[n++] = b << 16;
                f[b]++;
                continue;
            }
            if (best >= niceMax) {
                n = emitMatch(n, best, bestOff);
                skip(in, p, end, best - 1);
                p += best - 1;
                continue;
            }
            pendLen = best;
            pendOff = bestOff;
        }
        return n;
    }

    private int emitMatch(int n, int length, int offset) {
        int adj = length - MIN_MATCH;
        items[n] = (adj << 16) | offset;
        int log2 = 31 - Integer.numberOfLeadingZeros(offset);
        freqs[256 + (Math.min(adj, 15) | (log2 << 4))]++;
        extraBits += log2;
        if (adj >= 15) {
            rawBytes += adj - 15 >= 255 ? 3 : 1;
        }
        return n + 1;
    }

    /** Length of the common prefix of in[q..] and in[p..] (q &lt; p), at least {@code len}. */
    private static int extend(byte[] in, int q, int p, int len, int maxLen) {
        while (len + 8 <= maxLen) {
            long x = (long) LONG.get(in, q + len) ^ (long) LONG.get(in, p + len);
            if (x != 0) {
                return len + (Long.numberOfTrailingZeros(x) >>> 3);
            }
            len += 8;
        }
        while (len < maxLen && in[q + len] == in[p + len]) {
            len++;
        }
        return len;
    }

    /** Inserts the {@code count} positions starting at p without searching. */
    private void skip(byte[] in, int p, int end, int count) {
        final char[] t = tab;
        int stop = Math.min(p + count, end - 3);
        for (; p < stop; p++) {
            int v = (int) INT.get(in, p);
            int h4 = HEAD4 + ((v * HASH_MUL) >>> SHIFT4);
            t[HEAD3 + (((v & 0xFFFFFF) * HASH_MUL) >>> SHIFT3)] = (char) (p + 1);
            t[p] = t[h4];
            t[h4] = (char) (p + 1);
        }
    }

    /** Writes the code length table and the items; the exact size was checked before. */
    private int write(byte[] out, int o, int numItems) {
        final byte[] ln = lens;
        final int[] cl = codes; // becomes codeword << 5 | length
        for (int i = 0; i < NUM_SYMS / 2; i++) {
            out[o + i] = (byte) (ln[2 * i] | (ln[2 * i + 1] << 4));
        }
        for (int s = 0; s < NUM_SYMS; s++) {
            cl[s] = (cl[s] << 5) | ln[s];
        }
        final int[] it = items;
        // Bit words are reserved two ahead of the raw length bytes, as the decoder reads them.
        // A match's symbol and offset bits go in as one field (at most 30 bits, so the buffer
        // is a long) unless raw length bytes come between them: flushing words only after the
        // whole field reserves them in the same order, so the output is unchanged.
        int nextBits = o + NUM_SYMS / 2;
        int nextBits2 = nextBits + 2;
        int nextByte = nextBits + 4;
        long buf = 0;
        int count = 0; // pending bits in buf, 1..16 after each item
        for (int i = 0; i < numItems; i++) {
            int item = it[i];
            int offset = item & 0xFFFF;
            int adj = item >>> 16;
            int c;
            int n;
            if (offset == 0) {
                c = cl[adj];
                n = c & 31;
                buf = (buf << n) | (c >>> 5);
            } else {
                int log2 = 31 - Integer.numberOfLeadingZeros(offset);
                c = cl[256 + (Math.min(adj, 15) | (log2 << 4))];
                n = c & 31;
                if (adj >= 15) { // raw length bytes follow the symbol's words
                    buf = (buf << n) | (c >>> 5);
                    count += n;
                    if (count > 16) {
                        count -= 16;
                        SHORT.set(out, nextBits, (short) (buf >>> count));
                        nextBits = nextBits2;
                        nextBits2 = nextByte;
                        nextByte += 2;
                    }
                    int b1 = Math.min(adj - 15, 255);
                    out[nextByte++] = (byte) b1;
                    if (b1 == 255) {
                        SHORT.set(out, nextByte, (short) adj);
                        nextByte += 2;
                    }
                    c = 0;
                    n = 0;
                }
                buf = (buf << (n + log2)) | ((long) (c >>> 5) << log2) | (offset & ((1 << log2) - 1));
                n += log2;
            }
            count += n;
            if (count > 16) { // at most 16 + 30 bits pending: two words at most, written by ifs
                count -= 16; // (a while loop here was compiled as a counted loop with set-up)
                SHORT.set(out, nextBits, (short) (buf >>> count));
                nextBits = nextBits2;
                nextBits2 = nextByte;
                nextByte += 2;
                if (count > 16) {
                    count -= 16;
                    SHORT.set(out, nextBits, (short) (buf >>> count));
                    nextBits = nextBits2;
                    nextBits2 = nextByte;
                    nextByte += 2;
                }
            }
        }
        int c = cl[256]; // end-of-data symbol
        buf = (buf << (c & 31)) | (c >>> 5);
        count += c & 31;
        if (count > 16) {
            count -= 16;
            SHORT.set(out, nextBits, (short) (buf >>> count));
            nextBits = nextBits2;
            nextBits2 = nextByte;
            nextByte += 2;
        }
        SHORT.set(out, nextBits, (short) (buf << (16 - count)));
        SHORT.set(out, nextBits2, (short) 0);
        return nextByte - o;
    }
}
