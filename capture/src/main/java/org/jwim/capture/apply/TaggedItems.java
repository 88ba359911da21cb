package org.jwim.capture.apply;

import java.util.Arrays;

/**
 * The tagged items an inode carries in a WIM (u32 tag, u32 length, data padded to 8 bytes):
 * object id, extended attributes. Stateless.
 */
final class TaggedItems {
    static final int OBJECT_ID = 1;
    static final int EXTENDED_ATTRIBUTES = 2;

    private TaggedItems() {
    }

    /** The data of the first item with tag {@code want}, or null. */
    static byte[] item(byte[] items, int want) {
        int p = 0;
        while (items != null && p + 8 <= items.length) {
            int tag = u32(items, p);
            int len = u32(items, p + 4);
            if (len < 0 || len > items.length - p - 8) {
                return null;
            }
            if (tag == want) {
                return Arrays.copyOfRange(items, p + 8, p + 8 + len);
            }
            p += 8 + ((len + 7) & ~7);
        }
        return null;
    }

    private static int u32(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }
}
