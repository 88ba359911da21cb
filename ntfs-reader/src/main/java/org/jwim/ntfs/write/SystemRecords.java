package org.jwim.ntfs.write;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jwim.common.Filetime;
import org.jwim.common.LE;

/** Records 0-26 (system files, reserved slots, $Extend's files), their names and the boot sector. */
final class SystemRecords {
    private static final String[] NAMES = {"$MFT", "$MFTMirr", "$LogFile", "$Volume", "$AttrDef", ".", "$Bitmap",
        "$Boot", "$BadClus", "$Secure", "$UpCase", "$Extend"};

    private final VolumeLayout l;
    private final NtfsMeta meta;
    private final NtfsNode[] files = new NtfsNode[27];

    SystemRecords(VolumeLayout l) {
        this.l = l;
        long now = Filetime.fromInstant(Instant.now());
        this.meta = NtfsMeta.of(0x06, now);
        for (int i = 0; i < NAMES.length; i++) {
            if (i != NtfsWriter.ROOT) {
                files[i] = new NtfsNode(i, i == VolumeLayout.EXTEND, meta);
            }
        }
        for (long i : new long[] {VolumeLayout.QUOTA, VolumeLayout.OBJ_ID, VolumeLayout.REPARSE}) {
            files[(int) i] = new NtfsNode(i, false, NtfsMeta.of(0x26, now));
        }
    }

    /** Root's entries: the image's plus the system files (and "." itself). */
    List<NtfsNode.Name> rootEntries(List<NtfsNode.Name> user) {
        List<NtfsNode.Name> out = new ArrayList<>(user);
        for (int i = 0; i < NAMES.length; i++) {
            NtfsNode f = i == NtfsWriter.ROOT ? l.root : files[i];
            out.add(new NtfsNode.Name(l.root, NAMES[i], NtfsNode.NS_WIN32_AND_DOS, f));
        }
        return out;
    }

    List<NtfsNode.Name> extendEntries() {
        NtfsNode ext = files[(int) VolumeLayout.EXTEND];
        return List.of(new NtfsNode.Name(ext, "$Quota", NtfsNode.NS_WIN32_AND_DOS, files[(int) VolumeLayout.QUOTA]),
                new NtfsNode.Name(ext, "$ObjId", NtfsNode.NS_WIN32_AND_DOS, files[(int) VolumeLayout.OBJ_ID]),
                new NtfsNode.Name(ext, "$Reparse", NtfsNode.NS_WIN32_AND_DOS, files[(int) VolumeLayout.REPARSE]));
    }

    byte[] record(long r) {
        int rs = l.rs;
        if (r >= 16 && r < 24) {
            return RecordImage.empty(rs, r, Attrs.sequence(r));
        }
        List<byte[]> a = new ArrayList<>();
        int flags = RecordImage.FLAG_IN_USE;
        int links = 1;
        if (r >= 12 && r < 16) {
            a.add(si(0x06));
            a.add(AttrBytes.resident(Attrs.DATA, "", new byte[0], false));
            return RecordImage.build(rs, r, Attrs.sequence(r), flags, 0, 0, a);
        }
        int view = Attrs.DUP_VIEW_INDEX;
        if (r == VolumeLayout.SECURE) {
            a.add(si(0x06 | view));
            flags |= RecordImage.FLAG_VIEW_INDEX;
        } else if (r >= VolumeLayout.QUOTA) {
            a.add(si(0x26 | view));
            flags |= RecordImage.FLAG_VIEW_INDEX | RecordImage.FLAG_EXTEND;
        } else {
            a.add(si(0x06));
        }
        String name = r >= VolumeLayout.QUOTA ? extendName(r) : NAMES[(int) r];
        long parent = r >= VolumeLayout.QUOTA ? VolumeLayout.EXTEND : NtfsWriter.ROOT;
        a.add(AttrBytes.resident(Attrs.FILE_NAME, "", fileName(r, name, parent), true));
        List<byte[]> roots = new ArrayList<>();
        List<byte[]> allocs = new ArrayList<>();
        List<byte[]> bitmaps = new ArrayList<>();
        switch ((int) r) {
            case 0 -> {
                a.add(data("", "mft"));
                a.add(nonResident(Attrs.BITMAP, "", "mftbitmap"));
            }
            case 1 -> a.add(data("", "mirr"));
            case 2 -> a.add(data("", "log"));
            case 3 -> {
                a.add(AttrBytes.resident(Attrs.VOLUME_NAME, "", Attrs.utf16(l.g.label()), false));
                a.add(AttrBytes.resident(Attrs.VOLUME_INFORMATION, "", Attrs.volumeInformation(0), false));
                a.add(AttrBytes.resident(Attrs.DATA, "", new byte[0], false));
            }
            case 4 -> a.add(data("", "attrdef"));
            case 6 -> a.add(data("", "bitmap"));
            case 7 -> {
                Runs boot = new Runs();
                boot.add(0, l.w.clustersFor(8192));
                a.add(AttrBytes.nonResident(Attrs.DATA, "", boot, 0, boot.clusters() * l.cs, 8192, 8192, -1));
            }
            case 8 -> {
                a.add(AttrBytes.resident(Attrs.DATA, "", new byte[0], false));
                Runs bad = new Runs();
                long clusters = l.g.totalClusters();
                long vcn = 0;
                for (long[] range : l.w.badClusters()) {            // a bad cluster sits at VCN = LCN
                    bad.add(Runs.SPARSE, range[0] - vcn);
                    bad.add(range[0], range[1]);
                    vcn = range[0] + range[1];
                }
                bad.add(Runs.SPARSE, clusters - vcn);
                a.add(AttrBytes.nonResident(Attrs.DATA, "$Bad", bad, 0, clusters * l.cs, clusters * l.cs, clusters * l.cs,
                        -1));
            }
            case 9 -> {
                a.add(data("$SDS", "sds"));
                l.indexAttributes(l.indexes(r), roots, allocs, bitmaps);
            }
            case 10 -> a.add(data("", "upcase"));
            case 11 -> {
                flags |= RecordImage.FLAG_DIRECTORY;
                l.indexAttributes(l.indexes(r), roots, allocs, bitmaps);
            }
            default -> l.indexAttributes(l.indexes(r), roots, allocs, bitmaps);
        }
        a.addAll(roots);
        a.addAll(allocs);
        a.addAll(bitmaps);
        return RecordImage.build(rs, r, Attrs.sequence(r), flags, links, 0, a);
    }

    private static String extendName(long r) {
        return r == VolumeLayout.QUOTA ? "$Quota" : r == VolumeLayout.OBJ_ID ? "$ObjId" : "$Reparse";
    }

    private byte[] si(int attrs) {
        return AttrBytes.resident(Attrs.STANDARD_INFORMATION, "",
                Attrs.standardInformation(meta, attrs, l.sysSid), false);
    }

    private byte[] fileName(long r, String name, long parent) {
        int flags = 0x06 | (r == VolumeLayout.EXTEND ? Attrs.DUP_DIRECTORY_INDEX : 0)
                | (r == VolumeLayout.SECURE || r >= VolumeLayout.QUOTA ? Attrs.DUP_VIEW_INDEX : 0);
        String key = switch ((int) r) {
            case 0 -> "mft";
            case 1 -> "mirr";
            case 2 -> "log";
            case 4 -> "attrdef";
            case 6 -> "bitmap";
            case 10 -> "upcase";
            default -> null;
        };
        long size = key == null ? 0 : l.size(key);
        long alloc = key == null ? 0 : l.runs(key).clusters() * l.cs;
        return Attrs.fileName(Attrs.ref(parent), meta, alloc, size, flags, 0, name, NtfsNode.NS_WIN32_AND_DOS);
    }

    private byte[] data(String name, String key) {
        return nonResident(Attrs.DATA, name, key);
    }

    private byte[] nonResident(int type, String name, String key) {
        Runs r = l.runs(key);
        long size = l.size(key);
        return AttrBytes.nonResident(type, name, r, 0, r.clusters() * l.cs, size, size, -1);
    }

    /**
     * The new boot sector (the old one patched, or a fresh one) pointing at the new $MFT and
     * $MFTMirr; {@link BootSwitch} writes it.
     */
    byte[] bootSector() {
        NtfsGeometry g = l.g;
        byte[] template = g.bootSector();
        byte[] b = template != null ? template : freshBootSector(g);
        LE.put64(b, 0x30, l.runs("mft").lcn(0));
        LE.put64(b, 0x38, l.runs("mirr").lcn(0));
        return b;
    }

    private static byte[] freshBootSector(NtfsGeometry g) {
        byte[] b = new byte[512];
        b[0] = (byte) 0xEB;
        b[1] = 0x52;
        b[2] = (byte) 0x90;
        System.arraycopy(new byte[] {'N', 'T', 'F', 'S', ' ', ' ', ' ', ' '}, 0, b, 3, 8);
        LE.put16(b, 0x0B, g.bytesPerSector());
        int spc = g.clusterSize() / g.bytesPerSector();
        b[0x0D] = (byte) (spc <= 128 ? spc : 256 - Integer.numberOfTrailingZeros(spc));
        b[0x15] = (byte) 0xF8;
        LE.put16(b, 0x18, 63);
        LE.put16(b, 0x1A, 255);
        LE.put32(b, 0x24, 0x00800080);
        LE.put64(b, 0x28, g.totalSectors());
        b[0x40] = sizeCode(g.recordSize(), g.clusterSize());
        b[0x44] = sizeCode(g.indexBlockSize(), g.clusterSize());
        LE.put64(b, 0x48, g.serialNumber());
        // boot code: print nothing and halt (a data volume)
        b[0x54] = (byte) 0xFA;                          // cli
        b[0x55] = (byte) 0xF4;                          // hlt
        b[0x56] = (byte) 0xEB;                          // jmp $-2
        b[0x57] = (byte) 0xFD;
        LE.put16(b, 0x1FE, 0xAA55);
        return b;
    }

    private static byte sizeCode(int size, int clusterSize) {
        if (size >= clusterSize) {
            return (byte) (size / clusterSize);
        }
        return (byte) -Integer.numberOfTrailingZeros(size);
    }
}
