package org.jwim.wim.compress.lzx;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Fixed numbers of LZX as used in WIM chunks, and the E8 (x86 CALL) translation shared by the
 * encoder and the decoder. Offsets are "formatted" (real offset + 2) before slotting, so
 * slots 0..2 are free for the three recent offsets.
 */
final class LzxConstants {
    static final int MIN_MATCH = 2;
    static final int MAX_MATCH = 257;
    static final int NUM_CHARS = 256;
    /** Length headers 0..6 are lengths 2..8; header 7 adds a length-code symbol. */
    static final int NUM_PRIMARY_LENS = 7;
    static final int LEN_SYMS = 249;
    static final int PRE_SYMS = 20;
    static final int ALIGNED_SYMS = 8;
    static final int MAX_MAIN_CODEWORD = 16;
    static final int MAX_LEN_CODEWORD = 16;
    static final int MAX_PRE_CODEWORD = 15;
    static final int MAX_ALIGNED_CODEWORD = 7;
    static final int BLOCK_VERBATIM = 1;
    static final int BLOCK_ALIGNED = 2;
    static final int BLOCK_UNCOMPRESSED = 3;
    static final int DEFAULT_BLOCK_SIZE = 32768;
    static final int MAX_SLOTS = 50;
    static final int MAX_MAIN_SYMS = NUM_CHARS + 8 * MAX_SLOTS;
    /** The "file size" of the E8 translation, fixed in WIM. */
    static final int E8_SIZE = 12_000_000;
    private static final VarHandle LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Extra offset bits per slot: 0,0,0,0,1,1,2,2,... capped at 17. */
    static final int[] EXTRA = new int[MAX_SLOTS + 1];
    /** Smallest formatted offset of each slot (one past the last slot too). */
    static final int[] BASE = new int[MAX_SLOTS + 1];
    /** First slot whose extra bits are capped at 17 and then grow linearly. */
    private static final int FIRST_CAPPED_SLOT = 36;

    static {
        for (int s = 0; s <= MAX_SLOTS; s++) {
            EXTRA[s] = s < 4 ? 0 : Math.min(17, (s - 2) >> 1);
            if (s > 0) {
                BASE[s] = BASE[s - 1] + (1 << EXTRA[s - 1]);
            }
        }
    }

    private LzxConstants() {
    }

    /** Window order for a resource chunk size: max(15, ceil(log2(chunkSize))). */
    static int windowOrder(int chunkSize) {
        if (chunkSize <= 0 || chunkSize > (2 << 20)) {
            throw new IllegalArgumentException("LZX chunk size must be 1.." + (2 << 20) + ", got " + chunkSize);
        }
        int order = 32 - Integer.numberOfLeadingZeros(chunkSize - 1);
        return Math.max(15, order);
    }

    /** Number of offset slots for a window order (30 for 32 KiB .. 50 for 2 MiB). */
    static int numSlots(int windowOrder) {
        int window = 1 << windowOrder;
        int n = 0;
        while (BASE[n] < window) {
            n++;
        }
        return n;
    }

    /** Slot of a formatted offset (real offset + 2, so at least 3). */
    static int slotOf(int formatted) {
        if (formatted < 4) {
            return formatted;
        }
        if (formatted < BASE[FIRST_CAPPED_SLOT]) {
            int log = 31 - Integer.numberOfLeadingZeros(formatted);
            return (log << 1) | ((formatted >>> (log - 1)) & 1);
        }
        return FIRST_CAPPED_SLOT + ((formatted - BASE[FIRST_CAPPED_SLOT]) >>> 17);
    }

    /**
     * Forward E8 translation of {@code b[off, off+n)} in place: the rel32 operand of every E8
     * byte scanned becomes an absolute target relative to the chunk start.
     */
    static void e8Encode(byte[] b, int off, int n) {
        for (int i = 0; i < n - 10; i++) {
            if (b[off + i] != (byte) 0xE8) {
                continue;
            }
            int p = off + i + 1;
            int rel = (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | b[p + 3] << 24;
            if (rel >= -i && rel < E8_SIZE) {
                int abs = rel < E8_SIZE - i ? rel + i : rel - E8_SIZE;
                put32(b, p, abs);
            }
            i += 4;
        }
    }

    /**
     * Undoes {@link #e8Encode} on a decompressed chunk in place. E8 bytes are found 8 bytes at a
     * time (a word with no byte equal to E8 is skipped whole); the lowest flagged byte of a word
     * is always a true E8, so the positions visited are those of the byte-by-byte scan.
     */
    static void e8Decode(byte[] b, int off, int n) {
        int limit = n - 10;
        int i = 0;
        while (i < limit) {
            if (i + 8 <= limit) {
                long x = (long) LONG.get(b, off + i) ^ 0xE8E8_E8E8_E8E8_E8E8L;
                long zero = (x - 0x0101_0101_0101_0101L) & ~x & 0x8080_8080_8080_8080L;
                if (zero == 0) {
                    i += 8;
                    continue;
                }
                i += Long.numberOfTrailingZeros(zero) >>> 3;
            } else if (b[off + i] != (byte) 0xE8) {
                i++;
                continue;
            }
            int p = off + i + 1;
            int abs = (int) INT.get(b, p);
            if (abs >= 0) {
                if (abs < E8_SIZE) {
                    INT.set(b, p, abs - i);
                }
            } else if (abs >= -i) {
                INT.set(b, p, abs + E8_SIZE);
            }
            i += 5;
        }
    }

    private static void put32(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }
}
