package org.jwim.ntfs.write;

import java.util.List;
import org.jwim.common.LE;

/**
 * Lays out one MFT "FILE" record: header, update sequence array, attributes (already sorted),
 * end marker, and the fixups applied so the bytes can be written as they are.
 */
final class RecordImage {
    static final int FLAG_IN_USE = 0x01;
    static final int FLAG_DIRECTORY = 0x02;
    static final int FLAG_EXTEND = 0x04;
    static final int FLAG_VIEW_INDEX = 0x08;
    private static final int USA_OFFSET = 0x30;

    private RecordImage() {
    }

    /** Offset of the first attribute in a record of {@code size} bytes. */
    static int firstAttribute(int size) {
        return AttrBytes.align8(USA_OFFSET + 2 * (size / 512 + 1));
    }

    /** Bytes left for attributes in a record of {@code size} (header and end marker excluded). */
    static int capacity(int size) {
        return size - firstAttribute(size) - 8;
    }

    /**
     * The record bytes, fixups applied.
     *
     * @param baseRef reference of the base record for an extension record, 0 otherwise
     * @throws IllegalStateException when the attributes do not fit (callers check first)
     */
    static byte[] build(int size, long number, int sequence, int flags, int links, long baseRef,
            List<byte[]> attributes) {
        byte[] r = new byte[size];
        LE.put32(r, 0, 0x454C4946);                     // "FILE"
        LE.put16(r, 0x04, USA_OFFSET);
        LE.put16(r, 0x06, size / 512 + 1);
        LE.put16(r, 0x10, sequence);
        LE.put16(r, 0x12, links);
        int p = firstAttribute(size);
        LE.put16(r, 0x14, p);
        LE.put16(r, 0x16, flags);
        LE.put64(r, 0x20, baseRef);
        LE.put32(r, 0x2C, number);
        int id = 0;
        for (byte[] a : attributes) {
            if (p + a.length > size - 8) {
                throw new IllegalStateException("MFT record " + number + ": attributes exceed " + size + " bytes");
            }
            System.arraycopy(a, 0, r, p, a.length);
            LE.put16(r, p + 0x0E, id++);
            p += a.length;
        }
        LE.put32(r, p, 0xFFFFFFFFL);
        LE.put32(r, p + 4, 0);
        LE.put32(r, 0x18, p + 8);
        LE.put32(r, 0x1C, size);
        LE.put16(r, 0x28, id);
        protect(r, 0, size, USA_OFFSET);
        return r;
    }

    /** An unused, initialised record (what mkntfs leaves in reserved slots). */
    static byte[] empty(int size, long number, int sequence) {
        byte[] r = build(size, number, sequence, 0, 0, 0, List.of());
        return r;
    }

    /** Applies fixups to the multi-sector record {@code b[off..off+size)} (USN 1). */
    static void protect(byte[] b, int off, int size, int usaOffset) {
        int strides = size / 512;
        int usn = 1;
        LE.put16(b, off + usaOffset, usn);
        for (int i = 0; i < strides; i++) {
            int end = off + (i + 1) * 512 - 2;
            b[off + usaOffset + 2 + 2 * i] = b[end];
            b[off + usaOffset + 3 + 2 * i] = b[end + 1];
            LE.put16(b, end, usn);
        }
    }
}
