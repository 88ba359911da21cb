package org.jwim.ntfs.write;

import java.nio.charset.StandardCharsets;
import org.jwim.common.LE;

/**
 * Encodes attribute records (header + name + value or mapping pairs) as they sit in an MFT
 * record. The attribute id (0x0E) is left 0 and filled in by {@link RecordImage}.
 */
final class AttrBytes {
    static final int RESIDENT_HEADER = 0x18;
    static final int NON_RESIDENT_HEADER = 0x40;
    static final int COMPRESSED_HEADER = 0x48;
    static final int FLAG_SPARSE = 0x8000;
    static final int FLAG_COMPRESSED = 0x0001;

    private AttrBytes() {
    }

    static int align8(int v) {
        return (v + 7) & ~7;
    }

    /** A resident attribute; {@code indexed} sets the resident "indexed" flag ($FILE_NAME). */
    static byte[] resident(int type, String name, byte[] value, boolean indexed) {
        byte[] n = name.getBytes(StandardCharsets.UTF_16LE);
        int valueOff = align8(RESIDENT_HEADER + n.length);
        int len = align8(valueOff + value.length);
        byte[] a = new byte[len];
        header(a, type, len, false, name.length(), RESIDENT_HEADER, 0);
        System.arraycopy(n, 0, a, RESIDENT_HEADER, n.length);
        LE.put32(a, 0x10, value.length);
        LE.put16(a, 0x14, valueOff);
        a[0x16] = (byte) (indexed ? 1 : 0);
        System.arraycopy(value, 0, a, valueOff, value.length);
        return a;
    }

    /** Size the resident form of a value would take. */
    static int residentSize(String name, int valueLength) {
        return align8(align8(RESIDENT_HEADER + 2 * name.length()) + valueLength);
    }

    /**
     * A non-resident attribute covering VCNs {@code [lowestVcn, lowestVcn + runs.clusters())}.
     * Sizes are written only in the first piece (lowestVcn 0), as NTFS does.
     *
     * @param compressedSize bytes really allocated for a sparse attribute, -1 when not sparse
     */
    static byte[] nonResident(int type, String name, Runs runs, long lowestVcn, long allocatedSize,
            long dataSize, long initializedSize, long compressedSize) {
        return nonResident(type, name, runs, lowestVcn, allocatedSize, dataSize, initializedSize, compressedSize, false);
    }

    /** As above; {@code lznt1} marks a compressed attribute (compression unit 16 clusters). */
    static byte[] nonResident(int type, String name, Runs runs, long lowestVcn, long allocatedSize,
            long dataSize, long initializedSize, long compressedSize, boolean lznt1) {
        boolean sparse = compressedSize >= 0;
        byte[] n = name.getBytes(StandardCharsets.UTF_16LE);
        byte[] pairs = runs.encode();
        int headerSize = sparse ? COMPRESSED_HEADER : NON_RESIDENT_HEADER;
        int runsOff = align8(headerSize + n.length);
        int len = align8(runsOff + pairs.length);
        byte[] a = new byte[len];
        header(a, type, len, true, name.length(), headerSize, lznt1 ? FLAG_COMPRESSED : sparse ? FLAG_SPARSE : 0);
        if (lznt1) {
            a[0x22] = 4;
        }
        System.arraycopy(n, 0, a, headerSize, n.length);
        LE.put64(a, 0x10, lowestVcn);
        LE.put64(a, 0x18, lowestVcn + runs.clusters() - 1);
        LE.put16(a, 0x20, runsOff);
        if (lowestVcn == 0) {
            LE.put64(a, 0x28, allocatedSize);
            LE.put64(a, 0x30, dataSize);
            LE.put64(a, 0x38, initializedSize);
            if (sparse) {
                LE.put64(a, 0x40, compressedSize);
            }
        }
        System.arraycopy(pairs, 0, a, runsOff, pairs.length);
        return a;
    }

    private static void header(byte[] a, int type, int len, boolean nonResident, int nameChars,
            int nameOff, int flags) {
        LE.put32(a, 0x00, type);
        LE.put32(a, 0x04, len);
        a[0x08] = (byte) (nonResident ? 1 : 0);
        a[0x09] = (byte) nameChars;
        LE.put16(a, 0x0A, nameChars == 0 ? (nonResident ? 0x40 : RESIDENT_HEADER) : nameOff);
        LE.put16(a, 0x0C, flags);
    }

    static int type(byte[] attr) {
        return LE.i32(attr, 0);
    }

    static String name(byte[] attr) {
        int n = attr[0x09] & 0xFF;
        return n == 0 ? "" : new String(attr, LE.u16(attr, 0x0A), 2 * n, StandardCharsets.UTF_16LE);
    }

    static long lowestVcn(byte[] attr) {
        return attr[0x08] != 0 ? LE.u64(attr, 0x10) : 0;
    }
}
