package org.jwim.ntfs.write;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jwim.common.LE;
import org.jwim.ntfs.NtfsFormatException;

/**
 * The finishing pass of {@link NtfsWriter}: allocates and writes the system files' data, the
 * directory and view indexes, plans records that need an attribute list, then writes $MFT
 * record by record (each record built when written, so memory stays small), $MFTMirr and
 * $Bitmap. The boot sectors are left to {@link BootSwitch}.
 */
final class VolumeLayout {
    static final long MFT = 0;
    static final long MFT_MIRR = 1;
    static final long LOG_FILE = 2;
    static final long VOLUME = 3;
    static final long ATTR_DEF = 4;
    static final long BITMAP = 6;
    static final long BOOT = 7;
    static final long BAD_CLUS = 8;
    static final long SECURE = 9;
    static final long UPCASE = 10;
    static final long EXTEND = 11;
    static final long QUOTA = 24;
    static final long OBJ_ID = 25;
    static final long REPARSE = 26;
    private static final int SYSTEM_ATTRS = 0x06;
    private static final int COLLATION_FILE_NAME = 0x01;
    private static final int COLLATION_ULONG = 0x10;
    private static final int COLLATION_SID = 0x11;
    private static final int COLLATION_SECURITY_HASH = 0x12;
    private static final int COLLATION_ULONGS = 0x13;
    private static final int WRITE_BUFFER = 1 << 20;

    /** A built index: root value, where its blocks went, and its bitmap. */
    record Index(String name, byte[] root, Runs runs, long dataSize, byte[] bitmap) {
    }

    final NtfsWriter w;
    final ClusterAllocator alloc;
    final SecureStore secure;
    final List<NtfsNode> nodes;
    final NtfsNode root;
    final int sysSid;
    final NtfsGeometry g;
    final int rs;
    final int cs;
    private final Map<Long, List<Index>> indexes = new HashMap<>();
    private final Map<Long, List<byte[]>> packed = new HashMap<>();
    private long nextRecord;
    private final Map<String, Runs> sysRuns = new HashMap<>();
    private final Map<String, Long> sysSizes = new HashMap<>();

    VolumeLayout(NtfsWriter w, ClusterAllocator alloc, SecureStore secure, List<NtfsNode> nodes, NtfsNode root,
            int sysSid) {
        this.w = w;
        this.alloc = alloc;
        this.secure = secure;
        this.nodes = nodes;
        this.root = root;
        this.sysSid = sysSid;
        this.g = w.geometry();
        this.rs = g.recordSize();
        this.cs = g.clusterSize();
        this.nextRecord = NtfsWriter.FIRST_USER_RECORD + nodes.size();
    }

    /** Writes everything but the boot sectors; returns the new boot sector. */
    byte[] write() throws IOException {
        // fixed-size system data
        long logSize = w.clustersFor(g.logFileSize()) * cs;
        Runs log = system("log", logSize);
        byte[] ff = new byte[(int) Math.min(WRITE_BUFFER, logSize)];
        Arrays.fill(ff, (byte) 0xFF);
        for (long p = 0; p < logSize; p += ff.length) {
            w.writeRuns(log, p, ff, 0, (int) Math.min(ff.length, logSize - p));
        }
        int mirrorRecords = Math.max(4, cs / rs);
        system("mirr", (long) mirrorRecords * rs);
        writeSystem("attrdef", SystemTables.attrDef());
        writeSystem("upcase", w.upcase().bytes());
        long bitmapBytes = ((g.totalClusters() + 63) / 64) * 8;
        system("bitmap", bitmapBytes);
        writeSystem("sds", secure.sds());
        // indexes
        indexes.put(SECURE, List.of(
                index("$SDH", 0, COLLATION_SECURITY_HASH, secure.sdhEntries(), RecordImage.capacity(rs) / 3),
                index("$SII", 0, COLLATION_ULONG, secure.siiEntries(), RecordImage.capacity(rs) / 3)));
        indexes.put(QUOTA, List.of(index("$O", 0, COLLATION_SID, List.of(), 0x100),
                index("$Q", 0, COLLATION_ULONG, List.of(), 0x100)));
        indexes.put(OBJ_ID, List.of(index("$O", 0, COLLATION_ULONGS, objectIdEntries(), RecordImage.capacity(rs) / 2)));
        indexes.put(REPARSE, List.of(index("$R", 0, COLLATION_ULONGS, reparseEntries(), RecordImage.capacity(rs) / 2)));
        SystemRecords sys = new SystemRecords(this);
        indexes.put(EXTEND, List.of(index("$I30", Attrs.FILE_NAME, COLLATION_FILE_NAME,
                nameEntries(sys.extendEntries()), RecordImage.capacity(rs) / 2)));
        List<NtfsNode.Name> rootEntries = new ArrayList<>(root.entries);
        directoryIndex(root, sys.rootEntries(rootEntries));
        for (NtfsNode n : nodes) {
            if (n.directory) {
                directoryIndex(n, n.entries);
            }
        }
        for (NtfsNode n : nodes) {
            plan(n);
        }
        plan(root);
        // $MFT itself
        long used = nextRecord;
        int perCluster = Math.max(1, cs / rs);
        long records = Math.max(mirrorRecords, ((used + 16 + perCluster - 1) / perCluster) * perCluster);
        system("mft", records * rs);
        long mftBitmapBytes = Math.max(8, ((records + 63) / 64) * 8);
        system("mftbitmap", mftBitmapBytes);
        byte[] mftBitmap = new byte[(int) mftBitmapBytes];
        for (long r = 0; r < used; r++) {
            if (r < 16 || r >= 24) {
                mftBitmap[(int) (r >>> 3)] |= (byte) (1 << (r & 7));
            }
        }
        w.writeRuns(sysRuns.get("mftbitmap"), 0, mftBitmap, 0, mftBitmap.length);
        w.zeroTail(sysRuns.get("mftbitmap"), mftBitmapBytes);
        byte[] mirror = writeMft(sys, records, mirrorRecords);
        w.writeRuns(sysRuns.get("mirr"), 0, mirror, 0, mirror.length);
        w.zeroTail(sysRuns.get("mirr"), mirror.length);
        byte[] bitmap = alloc.bitmap((int) bitmapBytes);
        for (long c = g.totalClusters(); c < bitmapBytes * 8; c++) {
            bitmap[(int) (c >>> 3)] |= (byte) (1 << (c & 7));     // past the end: in use, as mkntfs marks it
        }
        w.writeRuns(sysRuns.get("bitmap"), 0, bitmap, 0, bitmap.length);
        w.zeroTail(sysRuns.get("bitmap"), bitmapBytes);
        return sys.bootSector();
    }

    Runs runs(String what) {
        return sysRuns.get(what);
    }

    long size(String what) {
        return sysSizes.get(what);
    }

    List<Index> indexes(long record) {
        return indexes.get(record);
    }

    private Runs system(String what, long bytes) throws NtfsVolumeFullException {
        Runs r = new Runs();
        alloc.allocate(w.clustersFor(bytes), r);
        sysRuns.put(what, r);
        sysSizes.put(what, bytes);
        return r;
    }

    private void writeSystem(String what, byte[] data) throws IOException {
        Runs r = system(what, data.length);
        w.writeRuns(r, 0, data, 0, data.length);
        w.zeroTail(r, data.length);
    }

    Index index(String name, int type, int collation, List<byte[]> entries, int rootSpace)
            throws IOException {
        IndexBuilder.Result res = new IndexBuilder(g.indexBlockSize(), cs, type, collation)
                .build(entries, Math.max(0x38, rootSpace));
        if (!res.large()) {
            return new Index(name, res.rootValue(), null, 0, null);
        }
        int bs = g.indexBlockSize();
        byte[] all = new byte[res.blocks().size() * bs];
        for (int i = 0; i < res.blocks().size(); i++) {
            System.arraycopy(res.blocks().get(i), 0, all, i * bs, bs);
        }
        Runs r = new Runs();
        alloc.allocate(w.clustersFor(all.length), r);
        w.writeRuns(r, 0, all, 0, all.length);
        w.zeroTail(r, all.length);
        return new Index(name, res.rootValue(), r, all.length, res.bitmap());
    }

    /** Attributes of an index: $INDEX_ROOT, and $INDEX_ALLOCATION + $BITMAP when large. */
    void indexAttributes(List<Index> list, List<byte[]> roots, List<byte[]> allocs, List<byte[]> bitmaps) {
        for (Index ix : list) {
            roots.add(AttrBytes.resident(Attrs.INDEX_ROOT, ix.name(), ix.root(), false));
            if (ix.runs() != null) {
                allocs.add(AttrBytes.nonResident(Attrs.INDEX_ALLOCATION, ix.name(), ix.runs(), 0,
                        ix.runs().clusters() * cs, ix.dataSize(), ix.dataSize(), -1));
                bitmaps.add(AttrBytes.resident(Attrs.BITMAP, ix.name(), ix.bitmap(), false));
            }
        }
    }

    private void directoryIndex(NtfsNode dir, List<NtfsNode.Name> names) throws IOException {
        List<byte[]> entries = nameEntries(names);
        int others = 0;
        for (byte[] a : UserRecords.baseAttributes(this, dir)) {
            others += a.length;
        }
        int space = RecordImage.capacity(rs) - others - 0x20 - 0x58 - 0x28;
        indexes.put(dir.number, List.of(index("$I30", Attrs.FILE_NAME, COLLATION_FILE_NAME, entries, space)));
    }

    private List<byte[]> nameEntries(List<NtfsNode.Name> names) {
        List<byte[]> entries = new ArrayList<>(names.size());
        for (NtfsNode.Name nm : sortNames(names)) {
            entries.add(IndexBuilder.fileNameEntry(Attrs.ref(nm.file().number), fileNameValue(nm)));
        }
        return entries;
    }

    List<NtfsNode.Name> sortNames(List<NtfsNode.Name> names) {
        List<NtfsNode.Name> sorted = new ArrayList<>(names);
        UpCase up = w.upcase();
        sorted.sort((a, b) -> up.compare(a.name(), b.name()));
        return sorted;
    }

    /** The $FILE_NAME value of one name (sizes and flags as the file has them now). */
    byte[] fileNameValue(NtfsNode.Name nm) {
        NtfsNode f = nm.file();
        if (f == null) {
            throw new IllegalStateException("name without file");
        }
        long parent = Attrs.ref(nm.parent().number);
        int flags = f.meta.storedAttributes() | (f.directory ? Attrs.DUP_DIRECTORY_INDEX : 0);
        if (f.reparse != null) {
            flags |= Attrs.ATTR_REPARSE_POINT;
        }
        long alloc = 0;
        long size = 0;
        NtfsData d = f.directory ? null : f.stream("");
        if (d != null) {
            size = d.size();
            alloc = d.resident != null ? AttrBytes.align8((int) d.size()) : d.runs == null ? 0 : d.runs.clusters() * cs;
        }
        int tag = f.reparse != null ? LE.i32(f.reparse, 0) : 0;
        return Attrs.fileName(parent, f.meta, alloc, size, flags, tag, nm.name(), nm.namespace());
    }

    private List<byte[]> objectIdEntries() {
        List<byte[]> out = new ArrayList<>();
        List<NtfsNode> with = new ArrayList<>();
        if (root.objectId != null) {
            with.add(root); // Windows gives the root one; it is not among the nodes
        }
        for (NtfsNode n : nodes) {
            if (n.objectId != null) {
                with.add(n);
            }
        }
        with.sort(Comparator.comparing(n -> Arrays.copyOf(n.objectId, 16), VolumeLayout::compareUlongs));
        for (NtfsNode n : with) {
            byte[] data = new byte[56];
            LE.put64(data, 0, Attrs.ref(n.number));
            if (n.objectId.length == 64) {
                System.arraycopy(n.objectId, 16, data, 8, 48);   // birth volume, birth object, domain
            }
            out.add(IndexBuilder.viewEntry(Arrays.copyOf(n.objectId, 16), data));
        }
        return out;
    }

    private List<byte[]> reparseEntries() {
        List<byte[]> keys = new ArrayList<>();
        for (NtfsNode n : nodes) {
            if (n.reparse != null) {
                byte[] k = new byte[12];
                LE.put32(k, 0, LE.u32(n.reparse, 0));
                LE.put64(k, 4, Attrs.ref(n.number));
                keys.add(k);
            }
        }
        keys.sort(VolumeLayout::compareUlongs);
        List<byte[]> out = new ArrayList<>();
        for (byte[] k : keys) {
            out.add(IndexBuilder.viewEntry(k, new byte[0]));
        }
        return out;
    }

    /** COLLATION_NTOFS_ULONGS: keys compare as sequences of unsigned 32-bit numbers. */
    static int compareUlongs(byte[] a, byte[] b) {
        for (int i = 0; i + 4 <= Math.min(a.length, b.length); i += 4) {
            int c = Long.compare(LE.u32(a, i), LE.u32(b, i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    /** Plans a node's record(s); records needing an attribute list are built now. */
    private void plan(NtfsNode n) throws IOException {
        List<byte[]> attrs = UserRecords.attributes(this, n);
        int total = 0;
        for (byte[] a : attrs) {
            total += a.length;
        }
        if (total <= RecordImage.capacity(rs)) {
            return;
        }
        if (UserRecords.makeRoom(this, n)) {
            attrs = UserRecords.attributes(this, n);
            total = 0;
            for (byte[] a : attrs) {
                total += a.length;
            }
            if (total <= RecordImage.capacity(rs)) {
                return;
            }
        }
        packed.put(n.number, AttributeListPacker.pack(this, n, attrs));
    }

    long newExtensionRecord() {
        return nextRecord++;
    }

    private byte[] writeMft(SystemRecords sys, long records, int mirrorRecords) throws IOException {
        Runs mft = sysRuns.get("mft");
        byte[] buf = new byte[Math.max(rs, WRITE_BUFFER / rs * rs)];
        byte[] mirror = new byte[mirrorRecords * rs];
        int fill = 0;
        long pos = 0;
        Map<Long, byte[]> extensions = new HashMap<>();
        for (List<byte[]> recs : packed.values()) {
            for (byte[] r : recs) {
                extensions.put(LE.u32(r, 0x2C), r);
            }
        }
        for (long r = 0; r < records; r++) {
            byte[] rec;
            if (r < NtfsWriter.FIRST_USER_RECORD && r != NtfsWriter.ROOT) {
                rec = sys.record(r);
            } else if (r == NtfsWriter.ROOT) {
                rec = userRecord(root);
            } else if (r < NtfsWriter.FIRST_USER_RECORD + nodes.size()) {
                rec = userRecord(nodes.get((int) (r - NtfsWriter.FIRST_USER_RECORD)));
            } else if (extensions.containsKey(r)) {
                rec = extensions.get(r);
            } else {
                rec = RecordImage.empty(rs, r, 1);
            }
            if (r < mirrorRecords) {
                System.arraycopy(rec, 0, mirror, (int) r * rs, rs);
            }
            System.arraycopy(rec, 0, buf, fill, rs);
            fill += rs;
            if (fill == buf.length) {
                w.writeRuns(mft, pos, buf, 0, fill);
                pos += fill;
                fill = 0;
            }
        }
        if (fill > 0) {
            w.writeRuns(mft, pos, buf, 0, fill);
        }
        return mirror;
    }

    private byte[] userRecord(NtfsNode n) throws IOException {
        List<byte[]> p = packed.get(n.number);
        if (p != null) {
            return p.get(0);
        }
        int flags = RecordImage.FLAG_IN_USE | (n.directory ? RecordImage.FLAG_DIRECTORY : 0);
        return RecordImage.build(rs, n.number, Attrs.sequence(n.number), flags, n == root ? 1 : n.linkCount(), 0,
                UserRecords.attributes(this, n));
    }
}
