package org.jwim.ntfs.format;

import org.jwim.common.LE;

/**
 * Update-sequence ("fixup") handling of multi-sector records (FILE, INDX): the last two bytes of
 * every 512-byte stride hold the update sequence number and the real bytes live in the array.
 */
public final class Fixup {
    private static final int USA_OFFSET = 0x04;
    private static final int USA_COUNT = 0x06;
    public static final int STRIDE = 512;

    private Fixup() {
    }

    /**
     * Checks and undoes the fixups of the record {@code b[off..off+size)} in place.
     *
     * @return null when fine, else what is wrong (the record must then be skipped)
     */
    public static String apply(byte[] b, int off, int size) {
        int usaOff = LE.u16(b, off + USA_OFFSET);
        int usaCount = LE.u16(b, off + USA_COUNT);
        int strides = size / STRIDE;
        if (usaCount != strides + 1) {
            return "update sequence count " + usaCount + ", expected " + (strides + 1);
        }
        if ((usaOff & 1) != 0 || usaOff < 0x28 - 0x20 || usaOff + 2 * usaCount > size
                || usaOff + 2 * usaCount > STRIDE - 2) {
            return "update sequence array offset 0x" + Integer.toHexString(usaOff) + " out of range";
        }
        int usn = LE.u16(b, off + usaOff);
        for (int i = 0; i < strides; i++) {
            int end = off + (i + 1) * STRIDE - 2;
            if (LE.u16(b, end) != usn) {
                return "fixup mismatch in sector " + i + " (torn write or damaged record)";
            }
        }
        for (int i = 0; i < strides; i++) {
            int end = off + (i + 1) * STRIDE - 2;
            b[end] = b[off + usaOff + 2 + 2 * i];
            b[end + 1] = b[off + usaOff + 3 + 2 * i];
        }
        return null;
    }
}
