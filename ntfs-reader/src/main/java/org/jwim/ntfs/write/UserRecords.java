package org.jwim.ntfs.write;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The attributes of a file's or directory's base record, in NTFS order (type, then name). */
final class UserRecords {
    private UserRecords() {
    }

    /** Everything but the directory index attributes. */
    static List<byte[]> baseAttributes(VolumeLayout l, NtfsNode n) {
        List<byte[]> out = new ArrayList<>();
        int attrs = n.meta.storedAttributes();
        if (n.reparse != null) {
            attrs |= Attrs.ATTR_REPARSE_POINT;
        }
        out.add(AttrBytes.resident(Attrs.STANDARD_INFORMATION, "",
                Attrs.standardInformation(n.meta, attrs, n.securityId), false));
        for (NtfsNode.Name nm : n.names) {
            out.add(AttrBytes.resident(Attrs.FILE_NAME, "", l.fileNameValue(nm), true));
        }
        if (n == l.root) {
            NtfsNode.Name dot = new NtfsNode.Name(n, ".", NtfsNode.NS_WIN32_AND_DOS, n);
            out.add(AttrBytes.resident(Attrs.FILE_NAME, "", l.fileNameValue(dot), true));
        }
        if (n.objectId != null) {
            // As Windows: the GUID only; birth and domain ids live in the $ObjId:$O entry.
            out.add(AttrBytes.resident(Attrs.OBJECT_ID, "", java.util.Arrays.copyOf(n.objectId, 16), false));
        }
        List<NtfsData> streams = new ArrayList<>(n.streams);
        UpCase up = l.w.upcase();
        streams.sort((a, b) -> up.compare(a.name(), b.name()));
        for (NtfsData d : streams) {
            out.add(dataAttribute(l, d));
        }
        return out;
    }

    static List<byte[]> attributes(VolumeLayout l, NtfsNode n) throws IOException {
        List<byte[]> out = baseAttributes(l, n);
        if (n.directory) {
            List<byte[]> roots = new ArrayList<>();
            List<byte[]> allocs = new ArrayList<>();
            List<byte[]> bitmaps = new ArrayList<>();
            l.indexAttributes(l.indexes(n.number), roots, allocs, bitmaps);
            out.addAll(roots);
            out.addAll(allocs);
            out.addAll(bitmaps);
        }
        if (n.reparse != null) {
            out.add(AttrBytes.resident(Attrs.REPARSE_POINT, "", n.reparse, false));
        }
        ExtendedAttributeRecords.add(l.w, n, out);
        return out;
    }

    static byte[] dataAttribute(VolumeLayout l, NtfsData d) {
        if (d.resident != null) {
            return AttrBytes.resident(Attrs.DATA, d.name(), d.resident, false);
        }
        Runs r = d.runs;
        return AttrBytes.nonResident(Attrs.DATA, d.name(), r, 0, r.clusters() * l.cs, d.size(), d.size(),
                d.isSparse() || d.isCompressed() ? r.allocatedClusters() * l.cs : -1, d.isCompressed());
    }

    /**
     * The non-resident $DATA attribute of {@code d} cut into pieces of at most {@code maxBytes}
     * each (a run list too long for one record); the first piece holds the sizes.
     */
    static List<byte[]> dataPieces(VolumeLayout l, NtfsData d, int maxBytes) {
        Runs all = d.runs;
        long compressed = d.isSparse() || d.isCompressed() ? all.allocatedClusters() * l.cs : -1;
        int header = AttrBytes.align8((compressed >= 0 ? AttrBytes.COMPRESSED_HEADER : AttrBytes.NON_RESIDENT_HEADER)
                + 2 * d.name().length());
        List<byte[]> out = new ArrayList<>();
        long vcn = 0;
        int i = 0;
        while (i < all.count()) {
            Runs piece = new Runs();
            int bytes = header + 1;
            long prev = 0;
            while (i < all.count()) {
                long lcn = all.lcn(i);
                int need = 1 + Runs.signedBytes(all.length(i)) + (lcn == Runs.SPARSE ? 0 : Runs.signedBytes(lcn - prev));
                if (piece.count() > 0 && AttrBytes.align8(bytes + need) > maxBytes) {
                    break;
                }
                piece.add(lcn, all.length(i));
                bytes += need;
                if (lcn != Runs.SPARSE) {
                    prev = lcn;
                }
                i++;
            }
            out.add(AttrBytes.nonResident(Attrs.DATA, d.name(), piece, vcn, all.clusters() * l.cs, d.size(), d.size(),
                    compressed, d.isCompressed()));
            vcn += piece.clusters();
        }
        return out;
    }

    /**
     * Moves the largest resident stream (of at least 256 bytes) to clusters when a record
     * overflows; true when something moved.
     */
    static boolean makeRoom(VolumeLayout l, NtfsNode n) throws IOException {
        NtfsData largest = null;
        for (NtfsData d : n.streams) {
            if (d.resident != null && d.size() >= 256 && (largest == null || d.size() > largest.size())) {
                largest = d;
            }
        }
        if (largest == null) {
            return false;
        }
        largest.makeNonResident();
        return true;
    }
}
