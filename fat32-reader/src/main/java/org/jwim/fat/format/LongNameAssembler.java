package org.jwim.fat.format;

import org.jwim.common.LE;

/**
 * Collects the long-file-name (LFN) entries that precede a short entry and validates their
 * order and checksum. Reusable: one instance per directory scan, no allocation per entry
 * except the finished name. Not thread-safe.
 */
public final class LongNameAssembler {
    /** At most 20 LFN entries of 13 UTF-16 units: 255 characters plus terminator and padding. */
    public static final int MAX_ENTRIES = 20;
    private static final int ORD = 0x00;
    private static final int LAST_FLAG = 0x40;
    private static final int CHKSUM = 0x0D;
    private static final int[] CHAR_OFFSETS = {1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30};

    private final char[] chars = new char[MAX_ENTRIES * 13];
    private int count;      // entries in the sequence (from the first, "last"-flagged entry)
    private int expected;   // next ordinal expected; 0 once complete; -1 when idle
    private int checksum;

    public LongNameAssembler() {
        reset();
    }

    public void reset() {
        expected = -1;
        count = 0;
    }

    /** True while a sequence has started and not been consumed or dropped. */
    public boolean inProgress() {
        return expected >= 0;
    }

    /**
     * Adds the LFN entry at {@code off}.
     *
     * @return null when accepted, else why the sequence in progress (or this entry) was dropped
     */
    public String add(byte[] b, int off) {
        int ord = LE.u8(b, off + ORD);
        int seq = ord & 0x1F;
        int sum = LE.u8(b, off + CHKSUM);
        String problem = null;
        if ((ord & LAST_FLAG) != 0) {
            if (inProgress()) {
                problem = "long name entries without their short entry were dropped";
            }
            if (seq == 0 || seq > MAX_ENTRIES) {
                reset();
                return "long name entry with ordinal " + seq + " dropped";
            }
            count = seq;
            checksum = sum;
        } else if (!inProgress() || seq == 0 || seq != expected || sum != checksum) {
            // seq 0 after a finished sequence (expected 0) would index before the buffer
            reset();
            return "long name entry out of sequence dropped (ordinal " + seq + ")";
        }
        int base = (seq - 1) * 13;
        for (int i = 0; i < 13; i++) {
            chars[base + i] = (char) LE.u16(b, off + CHAR_OFFSETS[i]);
        }
        expected = seq - 1;
        return problem;
    }

    /**
     * Finishes the sequence with a short entry whose name checksum is {@code shortChecksum}.
     * Always leaves the assembler idle.
     *
     * @return the long name, or null when no complete, matching sequence preceded the entry
     */
    public String complete(int shortChecksum) {
        boolean ok = expected == 0 && checksum == shortChecksum;
        int n = count;
        reset();
        if (!ok) {
            return null;
        }
        int len = 0;
        int max = n * 13;
        while (len < max && chars[len] != 0) {
            len++;
        }
        return len == 0 || len > 255 ? null : new String(chars, 0, len);
    }

    /** Why {@link #complete} returned null for a sequence in progress (for warnings). */
    public String mismatchReason(int shortChecksum) {
        if (expected != 0) {
            return "incomplete long name (missing ordinal " + expected + ")";
        }
        return checksum != shortChecksum
                ? "long name checksum 0x" + Integer.toHexString(checksum) + " does not match short"
                        + " entry checksum 0x" + Integer.toHexString(shortChecksum)
                : "empty or over-long long name";
    }
}
