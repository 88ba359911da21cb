package org.jwim.fat.format;

import org.jwim.common.LE;

/**
 * The FAT32 FSInfo sector: cached free-cluster count and next-free hint. Both are hints that
 * may be stale; 0xFFFFFFFF means unknown.
 *
 * @param freeCount last known free cluster count (u32)
 * @param nextFree  cluster number where a search for a free cluster should start (u32)
 */
public record FsInfo(long freeCount, long nextFree) {
    public static final int SIZE = 512;
    private static final int LEAD_SIG = 0x000;
    private static final int STRUC_SIG = 0x1E4;
    private static final int FREE_COUNT = 0x1E8;
    private static final int NXT_FREE = 0x1EC;
    private static final int TRAIL_SIG = 0x1FC;
    public static final long UNKNOWN = 0xFFFF_FFFFL;

    /**
     * Parses an FSInfo sector.
     *
     * @return the record, or null when one of the three signatures is wrong (the caller warns:
     *         a bad FSInfo does not make the volume unreadable)
     */
    public static FsInfo read(byte[] b) {
        if (b.length < SIZE || LE.u32(b, LEAD_SIG) != 0x41615252L
                || LE.u32(b, STRUC_SIG) != 0x61417272L || LE.u32(b, TRAIL_SIG) != 0xAA550000L) {
            return null;
        }
        return new FsInfo(LE.u32(b, FREE_COUNT), LE.u32(b, NXT_FREE));
    }
}
