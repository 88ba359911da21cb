package org.jwim.ntfs.write;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jwim.common.LE;
import org.jwim.ntfs.NtfsFormatException;

/**
 * Spreads the attributes of a file that overflow one MFT record over a base record and
 * extension records, with an $ATTRIBUTE_LIST (resident when it fits, else in clusters) in the
 * base record. Whole attributes move, except a $DATA run list too long for one record, which
 * is cut into pieces by VCN; any other attribute larger than a record is refused.
 */
final class AttributeListPacker {
    private static final int ENTRY_HEADER = 0x1A;

    private AttributeListPacker() {
    }

    /** The records (base first), built and fixed up. {@code attrs} start with $STANDARD_INFORMATION. */
    static List<byte[]> pack(VolumeLayout l, NtfsNode n, List<byte[]> given) throws IOException {
        int cap = RecordImage.capacity(l.rs);
        List<byte[]> attrs = new ArrayList<>(given.size());
        for (byte[] a : given) {
            NtfsData d = AttrBytes.type(a) == Attrs.DATA && a[0x08] != 0 ? n.stream(AttrBytes.name(a)) : null;
            if (d != null && a.length > cap / 2) {
                attrs.addAll(UserRecords.dataPieces(l, d, cap / 2));   // a long run list, split by VCN
            } else {
                attrs.add(a);
            }
        }
        int listSize = 0;
        for (byte[] a : attrs) {
            if (a.length > cap) {
                throw new NtfsFormatException("file record " + n.number + ": attribute 0x"
                        + Integer.toHexString(AttrBytes.type(a)) + " '" + AttrBytes.name(a) + "' takes " + a.length
                        + " bytes, more than an MFT record holds (run lists are not split)");
            }
            listSize += entrySize(a);
        }
        byte[] listAttr;
        Runs listRuns = null;
        byte[] si = attrs.get(0);
        if (si.length + AttrBytes.residentSize("", listSize) <= cap / 2) {
            listAttr = AttrBytes.resident(Attrs.ATTRIBUTE_LIST, "", new byte[listSize], false);
        } else {
            listRuns = new Runs();
            l.w.allocate(l.w.clustersFor(listSize), listRuns);
            listAttr = AttrBytes.nonResident(Attrs.ATTRIBUTE_LIST, "", listRuns, 0, listRuns.clusters() * l.cs,
                    listSize, listSize, -1);
        }
        // place: base = SI, list, then what fits; the rest fill extension records in order
        List<List<byte[]>> records = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        List<byte[]> base = new ArrayList<>(List.of(si, listAttr));
        records.add(base);
        numbers.add(n.number);
        int used = si.length + listAttr.length;
        List<byte[]> current = base;
        long[] where = new long[attrs.size()];
        int[] ids = new int[attrs.size()];
        where[0] = n.number;
        ids[0] = 0;
        for (int i = 1; i < attrs.size(); i++) {
            byte[] a = attrs.get(i);
            if (used + a.length > cap) {
                current = new ArrayList<>();
                records.add(current);
                numbers.add(l.newExtensionRecord());
                used = 0;
            }
            current.add(a);
            used += a.length;
            where[i] = numbers.get(numbers.size() - 1);
            ids[i] = current.size() - 1;
        }
        byte[] list = new byte[listSize];
        int p = 0;
        for (int i = 0; i < attrs.size(); i++) {
            byte[] a = attrs.get(i);
            String name = AttrBytes.name(a);
            int len = entrySize(a);
            LE.put32(list, p, AttrBytes.type(a));
            LE.put16(list, p + 0x04, len);
            list[p + 0x06] = (byte) name.length();
            list[p + 0x07] = ENTRY_HEADER;
            LE.put64(list, p + 0x08, AttrBytes.lowestVcn(a));
            LE.put64(list, p + 0x10, Attrs.ref(where[i]));
            LE.put16(list, p + 0x18, ids[i]);
            byte[] nm = Attrs.utf16(name);
            System.arraycopy(nm, 0, list, p + ENTRY_HEADER, nm.length);
            p += len;
        }
        if (listRuns == null) {
            base.set(1, AttrBytes.resident(Attrs.ATTRIBUTE_LIST, "", list, false));
        } else {
            l.w.writeRuns(listRuns, 0, list, 0, list.length);
            l.w.zeroTail(listRuns, list.length);
        }
        List<byte[]> out = new ArrayList<>();
        int flags = RecordImage.FLAG_IN_USE | (n.directory ? RecordImage.FLAG_DIRECTORY : 0);
        int links = n == l.root ? 1 : n.linkCount();
        out.add(RecordImage.build(l.rs, n.number, Attrs.sequence(n.number), flags, links, 0, base));
        for (int r = 1; r < records.size(); r++) {
            long num = numbers.get(r);
            out.add(RecordImage.build(l.rs, num, Attrs.sequence(num), RecordImage.FLAG_IN_USE, 0,
                    Attrs.ref(n.number), records.get(r)));
        }
        return out;
    }

    private static int entrySize(byte[] attr) {
        return AttrBytes.align8(ENTRY_HEADER + 2 * AttrBytes.name(attr).length());
    }
}
