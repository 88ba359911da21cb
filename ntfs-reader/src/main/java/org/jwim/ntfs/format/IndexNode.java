package org.jwim.ntfs.format;

import java.util.List;
import org.jwim.common.LE;

/**
 * Entries of one B+ tree node of an NTFS index: the node of an $INDEX_ROOT value or of an INDX
 * block of $INDEX_ALLOCATION. Every node's entries are read; the tree links are not followed,
 * since the reader visits every in-use block anyway.
 */
public final class IndexNode {
    /** Offsets in the $INDEX_ROOT value. */
    public static final int ROOT_BLOCK_SIZE = 0x08;     // u32 bytes per index block
    public static final int ROOT_HEADER = 0x10;         // index node header
    /** Offsets in an INDX block. */
    public static final int BLOCK_SIGNATURE = 0x58444E49;   // "INDX"
    public static final int BLOCK_HEADER = 0x18;
    /** Offsets in the node header (from its start). */
    private static final int HDR_ENTRIES = 0x00;        // u32 offset of the first entry
    private static final int HDR_USED = 0x04;           // u32 bytes in use, from the header
    /** Offsets in an index entry. */
    public static final int ENTRY_DATA_OFFSET = 0x00;   // u16, view indexes ($O, $R, $Q)
    public static final int ENTRY_DATA_LENGTH = 0x02;   // u16, view indexes
    public static final int ENTRY_FILE_REFERENCE = 0x00; // u64, file name indexes ($I30)
    private static final int ENTRY_LENGTH = 0x08;        // u16
    public static final int ENTRY_KEY_LENGTH = 0x0A;     // u16
    private static final int ENTRY_FLAGS = 0x0C;         // u16
    public static final int ENTRY_KEY = 0x10;
    private static final int FLAG_LAST = 0x02;

    private IndexNode() {
    }

    /**
     * Copies every entry (header, key and data) of the node whose header is at {@code header} in
     * {@code b[0..limit)} into {@code out}; the closing entry (no key) is not copied.
     *
     * @return null when the node is fine, else what is wrong with it (entries up to the damage
     *         are kept)
     */
    public static String entries(byte[] b, int header, int limit, List<byte[]> out) {
        if (header < 0 || header + 16 > limit) {
            return "node header past the end";
        }
        long first = header + LE.u32(b, header + HDR_ENTRIES);
        long end = header + LE.u32(b, header + HDR_USED);
        if (end > limit || first < header + 16) {
            return "node header out of range";
        }
        int p = (int) first;
        while (p + ENTRY_KEY <= end) {
            int len = LE.u16(b, p + ENTRY_LENGTH);
            int keyLength = LE.u16(b, p + ENTRY_KEY_LENGTH);
            int flags = LE.u16(b, p + ENTRY_FLAGS);
            if (len < ENTRY_KEY || (len & 7) != 0 || p + len > end) {
                return "entry at +" + (p - header) + " has length " + len;
            }
            if ((flags & FLAG_LAST) != 0) {
                return null;
            }
            if (ENTRY_KEY + keyLength > len) {
                return "entry at +" + (p - header) + " has a key of " + keyLength + " bytes";
            }
            byte[] e = new byte[len];
            System.arraycopy(b, p, e, 0, len);
            out.add(e);
            p += len;
        }
        return "no closing entry";
    }

    /**
     * The data of a view index entry (copied by {@link #entries}), or null when its data
     * offset and length do not fit the entry.
     */
    public static byte[] viewData(byte[] entry) {
        int off = LE.u16(entry, ENTRY_DATA_OFFSET);
        int len = LE.u16(entry, ENTRY_DATA_LENGTH);
        if (off < ENTRY_KEY || off + len > entry.length) {
            return null;
        }
        byte[] d = new byte[len];
        System.arraycopy(entry, off, d, 0, len);
        return d;
    }

    /** The key of an entry copied by {@link #entries}. */
    public static byte[] key(byte[] entry) {
        int len = LE.u16(entry, ENTRY_KEY_LENGTH);
        byte[] k = new byte[len];
        System.arraycopy(entry, ENTRY_KEY, k, 0, len);
        return k;
    }
}
