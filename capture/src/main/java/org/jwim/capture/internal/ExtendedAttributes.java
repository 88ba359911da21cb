package org.jwim.capture.internal;

import java.io.ByteArrayOutputStream;

/**
 * Converts extended attributes between NTFS's $EA layout and the WIM's tagged item. Both hold
 * the same entries (flags, name, value) in the same order:
 * <ul>
 * <li>$EA: u32 offset of the next entry (the entry's size rounded up to 4, on every entry),
 *     u8 flags, u8 name length, u16 value length, name, NUL, value, zero padding;</li>
 * <li>WIM (tag 2, as DISM and wimlib on Windows write it): u16 value length, u8 name length,
 *     u8 flags, name, NUL, value, no padding.</li>
 * </ul>
 */
public final class ExtendedAttributes {
    private static final int NTFS_HEADER = 8;
    private static final int WIM_HEADER = 4;

    private ExtendedAttributes() {
    }

    /** The WIM form of a $EA value, or null when it is malformed. */
    public static byte[] fromNtfs(byte[] ea) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ea.length);
        int p = 0;
        while (p < ea.length) {
            if (ea.length - p < NTFS_HEADER) {
                return null;
            }
            long next = u16(ea, p) | (long) u16(ea, p + 2) << 16;
            int flags = ea[p + 4] & 0xFF;
            int nameLength = ea[p + 5] & 0xFF;
            int valueLength = u16(ea, p + 6);
            int size = NTFS_HEADER + nameLength + 1 + valueLength;
            if (size > ea.length - p || (next != 0 && next < size) || ea[p + NTFS_HEADER + nameLength] != 0) {
                return null;
            }
            out.write(valueLength);
            out.write(valueLength >>> 8);
            out.write(nameLength);
            out.write(flags);
            out.write(ea, p + NTFS_HEADER, nameLength + 1 + valueLength);
            if (next == 0 || next >= ea.length - p) {
                break;
            }
            p += (int) next;
        }
        return out.toByteArray();
    }

    /** The $EA form of the WIM's EA item, or null when it is malformed or empty. */
    public static byte[] toNtfs(byte[] item) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(item.length + 64);
        int p = 0;
        while (p < item.length) {
            if (item.length - p < WIM_HEADER) {
                return null;
            }
            int valueLength = u16(item, p);
            int nameLength = item[p + 2] & 0xFF;
            int flags = item[p + 3] & 0xFF;
            int body = nameLength + 1 + valueLength;
            if (body > item.length - p - WIM_HEADER || item[p + WIM_HEADER + nameLength] != 0) {
                return null;
            }
            int size = (NTFS_HEADER + body + 3) & ~3;
            out.write(size);
            out.write(size >>> 8);
            out.write(size >>> 16);
            out.write(0);
            out.write(flags);
            out.write(nameLength);
            out.write(valueLength);
            out.write(valueLength >>> 8);
            out.write(item, p + WIM_HEADER, body);
            out.write(new byte[size - NTFS_HEADER - body], 0, size - NTFS_HEADER - body);
            p += WIM_HEADER + body;
        }
        return out.size() == 0 ? null : out.toByteArray();
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }
}
