package org.jwim.ntfs.format;

import java.util.ArrayList;
import java.util.List;
import org.jwim.common.LE;
import org.jwim.common.Utf16;
import org.jwim.ntfs.NtfsFormatException;

/**
 * One MFT file record ("FILE"), parsed after its fixups were applied: header fields and the kept
 * attributes. Immutable.
 *
 * @param recordNumber record number (index in $MFT)
 * @param sequence     sequence number (reuse counter, matched against references)
 * @param flags        {@link #FLAG_IN_USE} | {@link #FLAG_DIRECTORY}
 * @param baseRecord   record number of the base record, 0 for a base record
 * @param attributes   attributes of the kept types in record order
 */
public record FileRecord(long recordNumber, int sequence, int flags, long baseRecord,
        List<Attribute> attributes) {

    public static final int SIGNATURE_FILE = 0x454C4946;   // "FILE"
    public static final int SIGNATURE_BAAD = 0x44414142;   // "BAAD"
    public static final int FLAG_IN_USE = 0x0001;
    public static final int FLAG_DIRECTORY = 0x0002;

    private static final int SEQUENCE = 0x10;
    private static final int FIRST_ATTRIBUTE = 0x14;
    private static final int FLAGS = 0x16;
    private static final int BYTES_IN_USE = 0x18;
    private static final int BASE_RECORD = 0x20;
    private static final int HEADER_MIN = 0x30;

    // attribute header
    private static final int A_LENGTH = 0x04;
    private static final int A_NON_RESIDENT = 0x08;
    private static final int A_NAME_LENGTH = 0x09;
    private static final int A_NAME_OFFSET = 0x0A;
    private static final int A_FLAGS = 0x0C;
    private static final int A_ID = 0x0E;
    private static final int R_VALUE_LENGTH = 0x10;
    private static final int R_VALUE_OFFSET = 0x14;
    private static final int R_HEADER = 0x18;
    private static final int N_LOWEST_VCN = 0x10;
    private static final int N_HIGHEST_VCN = 0x18;
    private static final int N_RUNS_OFFSET = 0x20;
    private static final int N_COMPRESSION_UNIT = 0x22;
    private static final int N_ALLOCATED = 0x28;
    private static final int N_DATA = 0x30;
    private static final int N_INITIALIZED = 0x38;
    private static final int N_HEADER = 0x40;

    public static final long REF_MASK = 0xFFFF_FFFF_FFFFL;

    public boolean inUse() {
        return (flags & FLAG_IN_USE) != 0;
    }

    public boolean isDirectory() {
        return (flags & FLAG_DIRECTORY) != 0;
    }

    /**
     * Parses the record {@code b[off..off+size)} whose fixups are already applied.
     *
     * @param volumeClusters bound for run lists
     * @param warnings       receives per-attribute problems (the attribute is then dropped)
     * @throws NtfsFormatException when the record structure itself is damaged
     */
    public static FileRecord parse(byte[] b, int off, int size, long recordNumber, long volumeClusters,
            List<String> warnings) throws NtfsFormatException {
        if (LE.i32(b, off) != SIGNATURE_FILE) {
            throw new NtfsFormatException("MFT record " + recordNumber + ": no FILE signature");
        }
        int flags = LE.u16(b, off + FLAGS);
        int sequence = LE.u16(b, off + SEQUENCE);
        long base = LE.u64(b, off + BASE_RECORD) & REF_MASK;
        int first = LE.u16(b, off + FIRST_ATTRIBUTE);
        long inUse = LE.u32(b, off + BYTES_IN_USE);
        if (inUse > size || inUse < HEADER_MIN) {
            throw new NtfsFormatException("MFT record " + recordNumber + " @0x18: bytes in use " + inUse + " outside "
                    + HEADER_MIN + ".." + size);
        }
        int end = (int) inUse;
        if (first < HEADER_MIN - 0x8 || (first & 7) != 0 || first + 4 > end) {
            throw new NtfsFormatException("MFT record " + recordNumber + " @0x14: first attribute offset 0x"
                    + Integer.toHexString(first) + " out of range");
        }
        List<Attribute> attrs = new ArrayList<>(6);
        int p = first;
        while (true) {
            if (p + 4 > end) {
                throw new NtfsFormatException("MFT record " + recordNumber + " +0x" + Integer.toHexString(p)
                        + ": attributes run past bytes in use without an end marker");
            }
            int type = LE.i32(b, off + p);
            if (type == Attribute.TYPE_END) {
                break;
            }
            if (p + R_HEADER > end) {
                throw new NtfsFormatException("MFT record " + recordNumber + " +0x" + Integer.toHexString(p) + ": truncated attribute");
            }
            long len = LE.u32(b, off + p + A_LENGTH);
            if (len < R_HEADER || (len & 7) != 0 || len > end - p) {
                throw new NtfsFormatException("MFT record " + recordNumber + " +0x" + Integer.toHexString(p)
                        + ": attribute length " + len + " invalid");
            }
            if (Attribute.isKept(type)) {
                try {
                    attrs.add(parseAttribute(b, off + p, (int) len, type, volumeClusters));
                } catch (NtfsFormatException e) {
                    warnings.add("MFT record " + recordNumber + String.format(" attribute 0x%X: ", type) + e.getMessage());
                }
            }
            p += (int) len;
        }
        return new FileRecord(recordNumber, sequence, flags, base, java.util.Collections.unmodifiableList(attrs));
    }

    private static Attribute parseAttribute(byte[] b, int a, int len, int type, long volumeClusters)
            throws NtfsFormatException {
        boolean nonResident = b[a + A_NON_RESIDENT] != 0;
        int nameLen = LE.u8(b, a + A_NAME_LENGTH);
        int nameOff = LE.u16(b, a + A_NAME_OFFSET);
        int attrFlags = LE.u16(b, a + A_FLAGS);
        int id = LE.u16(b, a + A_ID);
        String name = "";
        if (nameLen > 0) {
            if (nameOff + 2 * nameLen > len) {
                throw new NtfsFormatException("name overruns the attribute");
            }
            name = Utf16.decode(b, a + nameOff, nameLen);
        }
        if (!nonResident) {
            long vlen = LE.u32(b, a + R_VALUE_LENGTH);
            int voff = LE.u16(b, a + R_VALUE_OFFSET);
            if (voff < R_HEADER || voff + vlen > len) {
                throw new NtfsFormatException("resident value " + voff + "+" + vlen
                        + " overruns the attribute of " + len + " bytes");
            }
            byte[] value = new byte[(int) vlen];
            System.arraycopy(b, a + voff, value, 0, (int) vlen);
            return new Attribute(type, name, attrFlags, id, value, null, 0, vlen, vlen, vlen, 0);
        }
        if (len < N_HEADER) {
            throw new NtfsFormatException("non-resident header truncated (" + len + " bytes)");
        }
        long lowest = LE.u64(b, a + N_LOWEST_VCN);
        long highest = LE.u64(b, a + N_HIGHEST_VCN);
        int runsOff = LE.u16(b, a + N_RUNS_OFFSET);
        int cu = LE.u16(b, a + N_COMPRESSION_UNIT);
        long alloc = LE.u64(b, a + N_ALLOCATED);
        long data = LE.u64(b, a + N_DATA);
        long init = LE.u64(b, a + N_INITIALIZED);
        if (lowest < 0 || highest < lowest - 1 || highest == Long.MAX_VALUE) {
            throw new NtfsFormatException("VCN range " + lowest + ".." + highest + " invalid");
        }
        if (runsOff < N_HEADER - 0x8 || runsOff >= len) {
            throw new NtfsFormatException("run list offset 0x" + Integer.toHexString(runsOff) + " invalid");
        }
        if (alloc < 0 || data < 0 || init < 0 || cu > 8) {
            throw new NtfsFormatException("sizes alloc=" + alloc + " data=" + data + " init=" + init
                    + " compression unit=" + cu + " invalid");
        }
        RunList runs = RunList.decode(b, a + runsOff, a + len, highest - lowest + 1, volumeClusters);
        return new Attribute(type, name, attrFlags, id, null, runs, lowest, alloc, data,
                Math.min(init, data), cu);
    }
}
