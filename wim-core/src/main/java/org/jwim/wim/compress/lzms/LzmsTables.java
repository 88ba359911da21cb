package org.jwim.wim.compress.lzms;

/**
 * LZMS slot tables, generated from run-length lists of extra-bit counts:
 * base[0] = 1, base[i + 1] = base[i] + 2^extra[i]. The final base entry is one past the
 * largest value (offset 1 180 427 428, length 1 073 809 578).
 */
final class LzmsTables {
    static final int NUM_OFFSET_SLOTS = 799;
    static final int NUM_LENGTH_SLOTS = 54;

    static final int[] OFFSET_BASE = new int[NUM_OFFSET_SLOTS + 1];
    static final byte[] OFFSET_EXTRA = new byte[NUM_OFFSET_SLOTS];
    static final int[] LENGTH_BASE = new int[NUM_LENGTH_SLOTS + 1];
    static final byte[] LENGTH_EXTRA = new byte[NUM_LENGTH_SLOTS];

    static {
        fill(new int[] {0, 8, 2, 9, 3, 7, 4, 10, 5, 15, 6, 15, 7, 20, 8, 20, 9, 30, 10, 33, 11, 40,
            12, 42, 13, 45, 14, 60, 15, 73, 16, 80, 17, 85, 18, 95, 19, 105, 20, 6, 30, 1},
            OFFSET_EXTRA, OFFSET_BASE);
        fill(new int[] {0, 26, 1, 4, 2, 6, 3, 4, 4, 5, 5, 2, 6, 1, 7, 1, 8, 1, 9, 1, 10, 1, 16, 1,
            30, 1}, LENGTH_EXTRA, LENGTH_BASE);
    }

    private LzmsTables() {
    }

    /** runs = (extra bits, count) pairs. */
    private static void fill(int[] runs, byte[] extra, int[] base) {
        int slot = 0;
        for (int r = 0; r < runs.length; r += 2) {
            for (int c = 0; c < runs[r + 1]; c++) {
                extra[slot++] = (byte) runs[r];
            }
        }
        if (slot != extra.length) {
            throw new AssertionError("slot table has " + slot + " entries, expected " + extra.length);
        }
        base[0] = 1;
        for (int i = 0; i < extra.length; i++) {
            base[i + 1] = base[i] + (1 << extra[i]);
        }
    }

    /**
     * Number of offset slots (symbols of the two offset codes) for a chunk that decompresses to
     * {@code size} bytes: the smallest n with base[n] &gt; size - 1, 0 if size &lt; 2.
     */
    static int numOffsetSlots(int size) {
        if (size < 2) {
            return 0;
        }
        int lo = 0;
        int hi = NUM_OFFSET_SLOTS;
        while (lo < hi) { // smallest n in [0, 799] with base[n] > size - 1
            int mid = (lo + hi) >>> 1;
            if (OFFSET_BASE[mid] > size - 1) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
