package org.jwim.ntfs.write;

import java.nio.charset.StandardCharsets;
import org.jwim.common.LE;

/** Values of the small resident attributes ($STANDARD_INFORMATION, $FILE_NAME, ...). */
final class Attrs {
    static final int STANDARD_INFORMATION = 0x10;
    static final int ATTRIBUTE_LIST = 0x20;
    static final int FILE_NAME = 0x30;
    static final int OBJECT_ID = 0x40;
    static final int VOLUME_NAME = 0x60;
    static final int VOLUME_INFORMATION = 0x70;
    static final int DATA = 0x80;
    static final int INDEX_ROOT = 0x90;
    static final int INDEX_ALLOCATION = 0xA0;
    static final int BITMAP = 0xB0;
    static final int REPARSE_POINT = 0xC0;

    static final int DUP_DIRECTORY_INDEX = 0x1000_0000;
    static final int DUP_VIEW_INDEX = 0x2000_0000;
    static final int ATTR_REPARSE_POINT = 0x400;

    private Attrs() {
    }

    /** Sequence number of record {@code n}: system records use their number, as mkntfs does. */
    static int sequence(long n) {
        return n == 0 ? 1 : n < 16 ? (int) n : 1;
    }

    static long ref(long n) {
        return n | ((long) sequence(n) << 48);
    }

    /** $STANDARD_INFORMATION of NTFS 3.x (72 bytes). */
    static byte[] standardInformation(NtfsMeta m, int attributes, int securityId) {
        byte[] v = new byte[72];
        LE.put64(v, 0x00, m.creationTime());
        LE.put64(v, 0x08, m.lastWriteTime());
        LE.put64(v, 0x10, m.changeTime());
        LE.put64(v, 0x18, m.lastAccessTime());
        LE.put32(v, 0x20, attributes);
        LE.put32(v, 0x34, securityId);
        return v;
    }

    static byte[] fileName(long parentRef, NtfsMeta m, long allocated, long dataSize, int flags,
            int reparseTag, String name, int namespace) {
        byte[] n = name.getBytes(StandardCharsets.UTF_16LE);
        byte[] v = new byte[0x42 + n.length];
        LE.put64(v, 0x00, parentRef);
        LE.put64(v, 0x08, m.creationTime());
        LE.put64(v, 0x10, m.lastWriteTime());
        LE.put64(v, 0x18, m.changeTime());
        LE.put64(v, 0x20, m.lastAccessTime());
        LE.put64(v, 0x28, allocated);
        LE.put64(v, 0x30, dataSize);
        LE.put32(v, 0x38, flags);
        LE.put32(v, 0x3C, reparseTag);
        v[0x40] = (byte) name.length();
        v[0x41] = (byte) namespace;
        System.arraycopy(n, 0, v, 0x42, n.length);
        return v;
    }

    static byte[] volumeInformation(int flags) {
        byte[] v = new byte[12];
        v[8] = 3;
        v[9] = 1;
        LE.put16(v, 10, flags);
        return v;
    }

    static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }
}
