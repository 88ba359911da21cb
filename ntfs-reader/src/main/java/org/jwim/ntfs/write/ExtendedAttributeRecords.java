package org.jwim.ntfs.write;

import java.util.List;
import org.jwim.common.LE;

/**
 * A file's extended attributes as NTFS stores them: the $EA value as given (entries of u32
 * next-entry offset, u8 flags, u8 name length, u16 value length, name, NUL, value, padding to
 * 4) and the $EA_INFORMATION that sums it up. Both are written resident.
 */
final class ExtendedAttributeRecords {
    static final int EA_INFORMATION = 0xD0;
    static final int EA = 0xE0;
    /** Largest $EA written (resident, so it must leave room in a 1 KiB record or its extension). */
    static final int MAX_EA = 512;
    private static final int FLAG_NEED_EA = 0x80;
    private static final int HEADER = 8;

    private ExtendedAttributeRecords() {
    }

    /**
     * $EA_INFORMATION of {@code ea}: u16 packed size (each entry as flags, lengths, name, NUL
     * and value: 4 + name + 1 + value bytes), u16 entries flagged NEED_EA, u32 $EA size.
     *
     * @throws IllegalArgumentException when {@code ea} is malformed or larger than {@link #MAX_EA}
     */
    static byte[] information(byte[] ea) {
        if (ea.length == 0 || ea.length > MAX_EA) {
            throw new IllegalArgumentException("$EA of " + ea.length + " bytes (1.." + MAX_EA + " are written)");
        }
        int packed = 0;
        int need = 0;
        int p = 0;
        while (p < ea.length) {
            if (ea.length - p < HEADER) {
                throw new IllegalArgumentException("$EA entry at " + p + " is truncated");
            }
            long next = LE.u32(ea, p);
            int name = LE.u8(ea, p + 5);
            int value = LE.u16(ea, p + 6);
            int size = HEADER + name + 1 + value;
            if (next < size || next > ea.length - p || (next & 3) != 0) {
                throw new IllegalArgumentException("$EA entry at " + p + ": next offset " + next
                        + " for an entry of " + size + " bytes");
            }
            packed += size - 4;
            need += (LE.u8(ea, p + 4) & FLAG_NEED_EA) != 0 ? 1 : 0;
            p += (int) next;
        }
        byte[] info = new byte[8];
        LE.put16(info, 0, packed);
        LE.put16(info, 2, need);
        LE.put32(info, 4, ea.length);
        return info;
    }

    /** The two resident attributes, in type order, for a node with extended attributes. */
    static void add(NtfsNode n, List<byte[]> out) {
        if (n.ea != null) {
            out.add(AttrBytes.resident(EA_INFORMATION, "", information(n.ea), false));
            out.add(AttrBytes.resident(EA, "", n.ea, false));
        }
    }
}
