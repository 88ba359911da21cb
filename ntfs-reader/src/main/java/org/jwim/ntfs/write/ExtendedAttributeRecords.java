package org.jwim.ntfs.write;

import java.io.IOException;
import java.util.List;
import org.jwim.common.LE;

/**
 * A file's extended attributes as NTFS stores them: the $EA value as given (entries of u32
 * next-entry offset, u8 flags, u8 name length, u16 value length, name, NUL, value, padding to
 * 4) and the $EA_INFORMATION that sums it up. $EA_INFORMATION is resident; $EA too up to
 * {@value #MAX_RESIDENT} bytes, in clusters above (as Windows stores large ones).
 */
final class ExtendedAttributeRecords {
    static final int EA_INFORMATION = 0xD0;
    static final int EA = 0xE0;
    /** Largest $EA kept resident: it must leave room in a 1 KiB record or its extension. */
    static final int MAX_RESIDENT = 512;
    /** $AttrDef's largest $EA. */
    static final int MAX_EA = 0x10000;
    /** $EA_INFORMATION's packed size is 16 bits: Windows' 64 KiB limit on a file's EAs. */
    static final int MAX_PACKED = 0xFFFF;
    private static final int FLAG_NEED_EA = 0x80;
    private static final int HEADER = 8;

    private ExtendedAttributeRecords() {
    }

    /**
     * $EA_INFORMATION of {@code ea}: u16 packed size (each entry as flags, lengths, name, NUL
     * and value: 4 + name + 1 + value bytes), u16 entries flagged NEED_EA, u32 $EA size.
     *
     * @throws IllegalArgumentException when {@code ea} is empty, over {@link #MAX_EA} bytes,
     *     malformed or packs to more than {@link #MAX_PACKED} bytes
     */
    static byte[] information(byte[] ea) {
        if (ea.length == 0 || ea.length > MAX_EA) {
            throw new IllegalArgumentException("$EA of " + ea.length + " bytes (1.." + MAX_EA + " are allowed)");
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
        if (packed > MAX_PACKED) {
            throw new IllegalArgumentException("$EA packs to " + packed + " bytes, more than NTFS' " + MAX_PACKED);
        }
        byte[] info = new byte[8];
        LE.put16(info, 0, packed);
        LE.put16(info, 2, need);
        LE.put32(info, 4, ea.length);
        return info;
    }

    /**
     * The two attributes, in type order, for a node with extended attributes. A large $EA gets
     * its clusters at the first call (record layout calls this more than once).
     */
    static void add(NtfsWriter w, NtfsNode n, List<byte[]> out) throws IOException {
        if (n.ea == null) {
            return;
        }
        out.add(AttrBytes.resident(EA_INFORMATION, "", information(n.ea), false));
        if (n.ea.length <= MAX_RESIDENT) {
            out.add(AttrBytes.resident(EA, "", n.ea, false));
            return;
        }
        if (n.eaRuns == null) {
            n.eaRuns = w.writeToNewClusters(n.ea);
        }
        out.add(AttrBytes.nonResident(EA, "", n.eaRuns, 0, n.eaRuns.clusters() * w.geometry().clusterSize(),
                n.ea.length, n.ea.length, -1));
    }

    /** Clusters the $EA of {@code ea} takes outside its record. */
    static long clusters(NtfsWriter w, byte[] ea) {
        return ea == null || ea.length <= MAX_RESIDENT ? 0 : w.clustersFor(ea.length);
    }
}
