package org.jwim.wim.model;

import org.jwim.common.LE;


/** Builds the tagged items ("extra data") that follow a dentry's names. */
public final class TaggedItems {
    /** NTFS object id (GUID, birth volume, birth object, domain). */
    public static final int TAG_OBJECT_ID = 0x00000001;
    /** Extended attributes, DISM's format. */
    public static final int TAG_EXTENDED_ATTRIBUTES = 0x00000002;

    private TaggedItems() {
    }

    /** One item: u32 tag, u32 length, data, zero padding to 8 bytes. */
    public static byte[] encode(int tag, byte[] data) {
        byte[] b = new byte[8 + ((data.length + 7) & ~7)];
        LE.put32(b, 0, tag);
        LE.put32(b, 4, data.length);
        System.arraycopy(data, 0, b, 8, data.length);
        return b;
    }

    /**
     * The data of the first item tagged {@code tag} in {@code items} (a dentry's extra data), a
     * copy; null when there is none or the items are malformed before it.
     */
    public static byte[] find(byte[] items, int tag) {
        int p = 0;
        while (items != null && p + 8 <= items.length) {
            long len = LE.u32(items, p + 4);
            if (len > items.length - p - 8) {
                return null;
            }
            if (LE.i32(items, p) == tag) {
                return java.util.Arrays.copyOfRange(items, p + 8, p + 8 + (int) len);
            }
            p += 8 + (int) ((len + 7) & ~7L);
        }
        return null;
    }
}
