package org.jwim.wim.compress.xpress;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

import org.jwim.wim.compress.ChunkDecompressor;
import org.jwim.wim.compress.CorruptChunkException;
import org.jwim.wim.compress.lz.HuffmanDecodeTable;
import org.jwim.wim.compress.lz.MatchCopy;

/**
 * Decoder for XPRESS (LZ77 + Huffman, [MS-XCA] "Huffman" variant) chunks of up to 64 KiB as
 * stored in WIM resources.
 *
 * <p>Bit input: 16-bit little-endian words read MSB-first. This decoder keeps up to 64 bits
 * buffered, but before the raw length bytes of a long match it gives back whole words until
 * only 16..31 bits remain buffered, which is where the format (and wimlib/MS decoders with
 * their lazy 32-bit register) place the raw bytes. Bits past the end read as zeros, but a
 * chunk that needs more than a few such bits is rejected.
 *
 * <p>Not thread-safe: one instance per thread, reusable; no allocation per call.
 */
public final class XpressDecompressor implements ChunkDecompressor {
    static final int NUM_SYMS = 512;
    static final int MAX_LEN = 15;
    static final int TABLE_BITS = 11;
    static final int MAX_CHUNK = 65536;
    private static final VarHandle LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Above this length a match is copied in bulk ({@link MatchCopy}), below 8 bytes at a time. */
    private static final int LONG_MATCH = 32;

    private final byte[] lens = new byte[NUM_SYMS];
    private final int[] table = new int[HuffmanDecodeTable.size(TABLE_BITS, NUM_SYMS, MAX_LEN)];
    private final int[] scratch = new int[NUM_SYMS + MAX_LEN + 2];

    @Override
    public void decompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen)
            throws CorruptChunkException {
        Objects.checkFromIndexSize(inOff, inLen, in.length);
        Objects.checkFromIndexSize(outOff, outLen, out.length);
        if (outLen > MAX_CHUNK) {
            throw new CorruptChunkException("XPRESS chunk of " + outLen + " bytes exceeds 65536");
        }
        if (inLen < NUM_SYMS / 2) {
            throw new CorruptChunkException("XPRESS chunk of " + inLen
                    + " bytes is shorter than its 256-byte code length table");
        }
        for (int i = 0; i < NUM_SYMS / 2; i++) {
            int b = in[inOff + i];
            lens[2 * i] = (byte) (b & 0xF);
            lens[2 * i + 1] = (byte) ((b >>> 4) & 0xF);
        }
        if (!HuffmanDecodeTable.build(table, TABLE_BITS, lens, NUM_SYMS, MAX_LEN, scratch)) {
            throw new CorruptChunkException("XPRESS Huffman code is incomplete or over-subscribed");
        }
        decodeBody(in, inOff + NUM_SYMS / 2, inOff + inLen, out, outOff, outLen);
    }

    private void decodeBody(byte[] in, int pos, int end, byte[] out, int outOff, int outLen)
            throws CorruptChunkException {
        final int[] t = table;
        long buf = 0;       // left-aligned: the next bit is bit 63
        int avail = 0;      // valid bits in buf
        int op = outOff;
        final int outEnd = outOff + outLen;
        while (op < outEnd) {
            // a symbol and its offset bits take at most 30 bits
            if (avail < 32) {
                if (pos + 4 <= end) { // two words at once: the first is the high half
                    long w = Integer.rotateLeft((int) INT.get(in, pos), 16) & 0xFFFF_FFFFL;
                    buf |= w << (32 - avail);
                    pos += 4;
                    avail += 32;
                } else { // near the end: words past it are zeros
                    do {
                        long w = pos + 2 <= end ? (in[pos] & 0xFF) | ((in[pos + 1] & 0xFF) << 8) : 0;
                        buf |= w << (48 - avail);
                        pos += 2;
                        avail += 16;
                    } while (avail <= 48);
                }
            }
            int e = t[(int) (buf >>> (64 - TABLE_BITS))];
            if ((e & HuffmanDecodeTable.SUBTABLE) != 0) {
                buf <<= TABLE_BITS;
                avail -= TABLE_BITS;
                e = t[(e >>> 5) + (int) (buf >>> (64 - (e & 15)))];
            }
            int n = e & 15;
            buf <<= n;
            avail -= n;
            int sym = e >>> 5;
            if (sym < 256) {
                out[op++] = (byte) sym;
                continue;
            }
            int lenHdr = sym & 15;
            int log2 = (sym >>> 4) & 15;
            int offset = log2 == 0 ? 1 : (1 << log2) | (int) (buf >>> (64 - log2));
            buf <<= log2;
            avail -= log2;
            int length;
            if (lenHdr == 15) {
                // Raw bytes follow the words a 16..31-bit register would hold: give back the
                // rest. The offset bits already taken came from that register too.
                int keep = avail + log2;
                while (keep >= 32) {
                    keep -= 16;
                    avail -= 16;
                    pos -= 2;
                }
                buf = avail == 0 ? 0 : buf & (-1L << (64 - avail));
                int b = pos < end ? in[pos] & 0xFF : 0;
                pos++;
                if (b == 255) {
                    length = (pos + 2 <= end ? (in[pos] & 0xFF) | ((in[pos + 1] & 0xFF) << 8) : 0) + 3;
                    pos += 2;
                } else {
                    length = 15 + b + 3;
                }
            } else {
                length = lenHdr + 3;
            }
            if (offset > op - outOff) {
                throw new CorruptChunkException("XPRESS match at output byte " + (op - outOff)
                        + " has offset " + offset + " before the chunk start");
            }
            if (length > outEnd - op) {
                throw new CorruptChunkException("XPRESS match at output byte " + (op - outOff)
                        + " of length " + length + " overruns the " + (outEnd - outOff)
                        + "-byte chunk");
            }
            copyMatch(out, op, offset, length, outEnd);
            op += length;
        }
        if (pos - avail / 8 > end + 4) {
            throw new CorruptChunkException("XPRESS bitstream ends " + (pos - avail / 8 - end)
                    + " bytes before the chunk is complete");
        }
    }

    /** LZ77 copy; writes only inside [op, outEnd) and reads only bytes already produced. */
    static void copyMatch(byte[] out, int op, int offset, int length, int outEnd) {
        int src = op - offset;
        if (length > LONG_MATCH && offset > 1) {
            MatchCopy.copy(out, src, op, length);
        } else if (offset >= 8 && outEnd - op >= length + 8) {
            // 8 bytes at a time; may write up to 7 bytes past the match (still inside the
            // chunk, rewritten later), each read covers only bytes already written
            int end = op + length;
            do {
                LONG.set(out, op, (long) LONG.get(out, src));
                op += 8;
                src += 8;
            } while (op < end);
        } else if (offset == 1) { // a run of one byte, common in zero-filled regions
            java.util.Arrays.fill(out, op, op + length, out[src]);
        } else {
            for (int i = 0; i < length; i++) {
                out[op + i] = out[src + i];
            }
        }
    }
}
