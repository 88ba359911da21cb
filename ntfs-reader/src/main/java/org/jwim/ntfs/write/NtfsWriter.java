package org.jwim.ntfs.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes a fresh NTFS 3.1 volume onto a raw channel region: directories, files, hard links,
 * DOS names, named and sparse streams, security descriptors ($Secure), reparse points
 * ($Reparse), object ids ($ObjId), times and attributes. The tree is built first
 * ({@link #createDirectory}, {@link #createFile}, {@link #link}, {@link #addStream}); stream
 * bytes are written as they arrive (clusters are allocated on first write, so data lands in
 * arrival order and every file is contiguous); {@link #finish} lays out the directory indexes,
 * $MFT and the system files and writes the boot sector last. Nothing of the old volume is read;
 * clusters of files to keep must be {@link #reserve reserved} before the first write.
 *
 * <p>Crash-safe mode ({@link #preserveOldVolume}): every cluster the old volume uses is left
 * alone until {@link #commit}, whose single boot sector write switches from the old volume to
 * the new one ({@link #prepare} writes everything else first). Not thread-safe.
 */
public final class NtfsWriter {
    /** First record number given to files (0-15 system, 16-23 reserved, 24-26 in $Extend). */
    static final long FIRST_USER_RECORD = 27;
    static final long ROOT = 5;
    /** Clusters per compression unit (compression unit exponent 4). */
    static final int COMPRESSION_UNIT_CLUSTERS = 16;
    /** Largest cluster size NTFS compresses. */
    public static final int MAX_COMPRESSED_CLUSTER = 4096;

    private final FileChannel channel;
    private final long offset;
    private final NtfsGeometry geometry;
    private final UpCase upcase;
    private final ClusterAllocator allocator;
    private final SecureStore secure = new SecureStore();
    private final List<NtfsNode> nodes = new ArrayList<>();
    private final List<long[]> temporary = new ArrayList<>();
    private final List<long[]> badClusters = new ArrayList<>();
    private final NtfsNode root;
    private final int systemSecurityId;
    private final int residentLimit;
    private final byte[] zeros;
    private boolean finished;
    private byte[] newBootSector;
    private boolean committed;
    private Lznt1Compressor lznt1;
    private Runs metadataReserve;

    private NtfsWriter(FileChannel channel, long offset, NtfsGeometry geometry, UpCase upcase) {
        this.channel = channel;
        this.offset = offset;
        this.geometry = geometry;
        this.upcase = upcase;
        this.allocator = new ClusterAllocator(geometry.totalClusters());
        this.systemSecurityId = secure.add(SystemTables.systemDescriptor());
        this.root = new NtfsNode(ROOT, true, NtfsMeta.of(0x16, 0));
        root.securityId = systemSecurityId;
        this.residentLimit = RecordImage.capacity(geometry.recordSize()) - 0x60 - 0x68 - 0x48;
        this.zeros = new byte[geometry.clusterSize()];
        // $Boot: the boot sector and its boot code, 8 KiB at cluster 0
        allocator.reserve(0, clustersFor(8192));
    }

    /**
     * A writer for the volume at {@code [offset, offset + geometry.volumeLength())} of
     * {@code channel} (opened for writing). Nothing is written before data arrives.
     */
    public static NtfsWriter create(FileChannel channel, long offset, NtfsGeometry geometry, UpCase upcase) {
        BootSwitch.pause("start");
        return new NtfsWriter(Objects.requireNonNull(channel), offset, Objects.requireNonNull(geometry),
                Objects.requireNonNull(upcase));
    }

    public NtfsGeometry geometry() {
        return geometry;
    }

    public UpCase upcase() {
        return upcase;
    }

    public NtfsNode root() {
        return root;
    }

    int clusterSize() {
        return geometry.clusterSize();
    }

    long clustersFor(long bytes) {
        return (bytes + geometry.clusterSize() - 1) / geometry.clusterSize();
    }

    /** Keeps clusters {@code [lcn, lcn+count)} out of allocation for good (a kept file's data). */
    public void reserve(long lcn, long count) {
        allocator.reserve(lcn, count);
    }

    /**
     * Records clusters {@code [lcn, lcn+count)} as bad: never allocated, and listed in
     * $BadClus:$Bad (carried over from the volume being re-formatted).
     */
    public void markBad(long lcn, long count) {
        allocator.reserve(lcn, count);
        badClusters.add(new long[] {lcn, count});
    }

    /** Bad cluster ranges, sorted by LCN. */
    List<long[]> badClusters() {
        List<long[]> sorted = new ArrayList<>(badClusters);
        sorted.sort((x, y) -> Long.compare(x[0], y[0]));
        return sorted;
    }

    /** Keeps clusters out of allocation until {@link #finish} (old data still to be copied). */
    public void reserveUntilFinish(long lcn, long count) {
        allocator.reserve(lcn, count);
        temporary.add(new long[] {lcn, count});
    }

    /**
     * Crash-safe mode: nothing is written into the clusters set in {@code oldBitmap} (the old
     * volume's $Bitmap) before {@link #commit}, and the new $Bitmap leaves them free unless
     * {@link #reserve reserved}. Call before the first stream byte is written.
     */
    public void preserveOldVolume(byte[] oldBitmap) {
        checkOpen();
        if (metadataReserve != null) {
            throw new IllegalStateException("preserveOldVolume() after data was written");
        }
        allocator.avoid(oldBitmap);
    }

    /** Leaves crash-safe mode: the old volume's clusters may be used from now on. */
    public void overwriteOldVolume() {
        checkOpen();
        allocator.stopAvoiding();
    }

    /** True in crash-safe mode. */
    public boolean preservesOldVolume() {
        return allocator.isAvoiding();
    }

    /**
     * Clusters the streams not yet written and the metadata {@link #finish} writes will take,
     * at most (holes counted as data, compressed streams in whole compression units); for the
     * tree as built so far.
     */
    public long clustersNeeded() {
        long data = clustersNeeded(root);
        for (NtfsNode n : nodes) {
            data += clustersNeeded(n);
        }
        return data + clustersFor(metadataBytes());
    }

    /** Clusters {@code n}'s streams not yet written and its large $EA not yet written take, at most. */
    private long clustersNeeded(NtfsNode n) {
        long data = n.eaRuns == null ? ExtendedAttributeRecords.clusters(this, n.ea) : 0;
        for (NtfsData d : n.streams) {
            data += d.written() == 0 ? d.maxClusters() : 0;
        }
        return data;
    }

    /** Clusters free for new data (in crash-safe mode: free on the old volume too). */
    public long clustersAvailable() {
        return allocator.available();
    }

    /** Clusters the new volume does not use so far (the old volume's not counted). */
    public long clustersUnused() {
        return allocator.clusters() - allocator.used();
    }

    /** Metadata of the root directory (attributes, times). */
    public void setMeta(NtfsNode node, NtfsMeta meta) {
        node.meta = Objects.requireNonNull(meta);
    }

    public NtfsNode createDirectory(NtfsNode parent, String name, String shortName, NtfsMeta meta) {
        NtfsNode n = newNode(true, meta);
        addNames(parent, name, shortName, n);
        return n;
    }

    public NtfsNode createFile(NtfsNode parent, String name, String shortName, NtfsMeta meta) {
        NtfsNode n = newNode(false, meta);
        addNames(parent, name, shortName, n);
        return n;
    }

    /** Another name (hard link) for {@code file} in {@code parent}. */
    public void link(NtfsNode parent, String name, String shortName, NtfsNode file) {
        if (file.directory) {
            throw new IllegalArgumentException("a directory cannot have hard links");
        }
        addNames(parent, name, shortName, file);
    }

    private NtfsNode newNode(boolean directory, NtfsMeta meta) {
        checkOpen();
        NtfsNode n = new NtfsNode(FIRST_USER_RECORD + nodes.size(), directory, Objects.requireNonNull(meta));
        n.securityId = systemSecurityId;
        nodes.add(n);
        return n;
    }

    private void addNames(NtfsNode parent, String name, String shortName, NtfsNode file) {
        if (!parent.directory) {
            throw new IllegalArgumentException(parent.number + " is not a directory");
        }
        validName(name);
        boolean dos = shortName != null && !shortName.isEmpty();
        if (dos) {
            validName(shortName);
            if (shortName.length() > 12) {
                throw new IllegalArgumentException("short name '" + shortName + "' is longer than 8.3");
            }
        }
        String up = upper(name);
        if (!dos && DosNames.isDosName(name) && !parent.upperNames.contains(up)) {
            dos = true;                              // stored once, as WIN32_AND_DOS, as Windows does
            shortName = name;
        } else if (!dos && !parent.exactNames.contains(name)) {
            demoteWin32AndDos(parent, up);
        }
        boolean same = dos && shortName.equals(name);
        if (parent.exactNames.contains(name) || parent.upperWin32Names.contains(up)
                || (dos && parent.upperNames.contains(up))) {
            throw new IllegalArgumentException("'" + name + "' already exists in the directory");
        }
        if (dos && !same && parent.upperNames.contains(upper(shortName))) {
            throw new IllegalArgumentException("short name '" + shortName + "' already exists in the directory");
        }
        List<NtfsNode.Name> added = new ArrayList<>(2);
        if (!dos) {
            added.add(new NtfsNode.Name(parent, name, NtfsNode.NS_POSIX, file));
        } else if (same) {
            added.add(new NtfsNode.Name(parent, name, NtfsNode.NS_WIN32_AND_DOS, file));
        } else {
            added.add(new NtfsNode.Name(parent, name, NtfsNode.NS_WIN32, file));
            added.add(new NtfsNode.Name(parent, shortName, NtfsNode.NS_DOS, file));
        }
        for (NtfsNode.Name nm : added) {
            parent.exactNames.add(nm.name());
            parent.upperNames.add(upper(nm.name()));
            if (nm.namespace() != NtfsNode.NS_POSIX) {
                parent.upperWin32Names.add(upper(nm.name()));
            }
            parent.entries.add(nm);
            file.names.add(nm);
        }
    }

    /**
     * A POSIX name equal but for case to a WIN32_AND_DOS name makes the latter POSIX too (its
     * short form is its long form, so nothing is lost), as both must be reachable.
     */
    private void demoteWin32AndDos(NtfsNode parent, String up) {
        for (int i = 0; i < parent.entries.size(); i++) {
            NtfsNode.Name nm = parent.entries.get(i);
            if (nm.namespace() == NtfsNode.NS_WIN32_AND_DOS && upper(nm.name()).equals(up)) {
                NtfsNode.Name posix = new NtfsNode.Name(parent, nm.name(), NtfsNode.NS_POSIX, nm.file());
                parent.entries.set(i, posix);
                nm.file().names.set(nm.file().names.indexOf(nm), posix);
                parent.upperWin32Names.remove(up);
                return;
            }
        }
    }

    private String upper(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = upcase.upper(c[i]);
        }
        return new String(c);
    }

    private static void validName(String name) {
        if (name == null || name.isEmpty() || name.length() > 255) {
            throw new IllegalArgumentException("name of " + (name == null ? 0 : name.length())
                    + " characters (NTFS allows 1..255)");
        }
        if (name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("name '" + name + "' is not allowed on NTFS");
        }
    }

    /**
     * Adds a $DATA stream ({@code name} "" for the unnamed one) of {@code size} bytes, whose
     * bytes must then be written through the returned handle.
     *
     * @param sparse store runs of zero clusters as holes
     */
    public NtfsData addStream(NtfsNode file, String name, long size, boolean sparse) {
        checkOpen();
        if (size < 0) {
            throw new IllegalArgumentException("negative stream size " + size);
        }
        checkStreamName(file, name);
        NtfsData d = new NtfsData(this, name, size, sparse, false, size <= residentLimit);
        file.streams.add(d);
        return d;
    }

    /**
     * Adds a $DATA stream stored LZNT1-compressed (as a file with the compressed attribute),
     * when the cluster size allows it (at most 4 KiB), else as a plain stream.
     *
     * @return the handle; {@link NtfsData#isCompressed()} says whether it is compressed
     */
    public NtfsData addCompressedStream(NtfsNode file, String name, long size) {
        checkOpen();
        if (size < 0) {
            throw new IllegalArgumentException("negative stream size " + size);
        }
        checkStreamName(file, name);
        boolean can = geometry.clusterSize() <= MAX_COMPRESSED_CLUSTER;
        NtfsData d = new NtfsData(this, name, size, false, can, size <= residentLimit);
        file.streams.add(d);
        return d;
    }

    Lznt1Compressor lznt1() {
        if (lznt1 == null) {
            lznt1 = new Lznt1Compressor();
        }
        return lznt1;
    }

    /**
     * Adds a stream whose clusters stay where they are (a carried-over file): runs of
     * {@code lengths[i]} clusters at {@code lcns[i]} ({@code -1} for a hole), which are
     * reserved here.
     */
    public void addKeptStream(NtfsNode file, String name, long size, long[] lcns, long[] lengths) {
        checkOpen();
        checkStreamName(file, name);
        Runs r = new Runs();
        for (int i = 0; i < lcns.length; i++) {
            if (lcns[i] >= 0) {
                allocator.reserve(lcns[i], lengths[i]);
            }
            r.add(lcns[i] < 0 ? Runs.SPARSE : lcns[i], lengths[i]);
        }
        if (r.clusters() != clustersFor(size)) {
            throw new IllegalArgumentException("kept stream '" + name + "': runs cover " + r.clusters()
                    + " clusters, size needs " + clustersFor(size));
        }
        file.streams.add(new NtfsData(this, name, size, r));
    }

    private static void checkStreamName(NtfsNode file, String name) {
        if (file.directory && name.isEmpty()) {
            throw new IllegalArgumentException("a directory has no unnamed data stream");
        }
        if (name.length() > 255 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("stream name '" + name + "' is not allowed");
        }
        if (file.stream(name) != null) {
            throw new IllegalArgumentException("stream '" + name + "' added twice");
        }
    }

    /** Security descriptor (self-relative), stored once per distinct descriptor in $Secure. */
    public void setSecurityDescriptor(NtfsNode node, byte[] descriptor) {
        if (descriptor.length < 20 || descriptor[0] != 1) {
            throw new IllegalArgumentException("not a self-relative security descriptor (" + descriptor.length + " bytes)");
        }
        node.securityId = secure.add(descriptor);
    }

    /**
     * Reparse point: the whole reparse buffer (tag, data length, reserved, data) as
     * FSCTL_GET_REPARSE_POINT returns it; at most 16 KiB.
     */
    public void setReparsePoint(NtfsNode node, byte[] buffer) {
        if (buffer.length < 8 || buffer.length > 16 * 1024 + 8
                || (buffer[4] & 0xFF | (buffer[5] & 0xFF) << 8) != buffer.length - 8) {
            throw new IllegalArgumentException("malformed reparse buffer of " + buffer.length + " bytes");
        }
        node.reparse = buffer.clone();
    }

    /**
     * The object id of the file, indexed in $ObjId: the 16-byte GUID, optionally followed by
     * birth volume id, birth object id and domain id (64 bytes in all).
     */
    public void setObjectId(NtfsNode node, byte[] id) {
        if (id.length != 16 && id.length != 64) {
            throw new IllegalArgumentException("object id must be 16 or 64 bytes, got " + id.length);
        }
        node.objectId = id.clone();
    }

    /**
     * The file's extended attributes: the $EA value (entries of u32 next-entry offset, u8 flags,
     * u8 name length, u16 value length, name, NUL, value, padding to 4 bytes) of at most 64 KiB
     * packed, as Windows allows; $EA_INFORMATION is derived from it.
     *
     * @throws IllegalArgumentException when the value is malformed or too large
     */
    public void setExtendedAttributes(NtfsNode node, byte[] ea) {
        ExtendedAttributeRecords.information(ea);
        node.ea = ea.clone();
    }

    /** Why {@link #setExtendedAttributes} would refuse {@code ea}, or null when it would not. */
    public static String invalidExtendedAttributes(byte[] ea) {
        try {
            ExtendedAttributeRecords.information(ea);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * Lays out the indexes, $MFT and system files and writes them, then the boot sector and its
     * backup ({@link #prepare} then {@link #commit}). Streams not completely written are left
     * empty; their names are returned.
     *
     * @throws NtfsVolumeFullException when the metadata does not fit
     */
    public List<String> finish() throws IOException {
        List<String> emptied = prepare();
        commit();
        return emptied;
    }

    /**
     * Lays out the indexes, $MFT and system files and writes them, and forces everything to the
     * medium; the boot sector still describes the old volume. In crash-safe mode the old volume
     * is still intact. Streams not completely written are left empty; their names are returned.
     *
     * @throws NtfsVolumeFullException when the metadata does not fit
     */
    public List<String> prepare() throws IOException {
        checkOpen();
        finished = true;
        List<String> emptied = new ArrayList<>();
        for (NtfsNode n : nodes) {
            for (NtfsData d : n.streams) {
                if (!d.isComplete()) {
                    emptied.add(n.number + (d.name().isEmpty() ? "" : ":" + d.name()));
                    d.discard();
                }
            }
        }
        for (long[] t : temporary) {
            allocator.release(t[0], t[1]);
        }
        if (metadataReserve != null) {
            release(metadataReserve);
            if (metadataReserve.count() > 0) {
                allocator.seek(metadataReserve.lcn(0));
            }
        }
        metadataReserve = new Runs();                  // nothing more is set aside while finishing
        BootSwitch.pause("data");
        newBootSector = new VolumeLayout(this, allocator, secure, nodes, root, systemSecurityId).write();
        channel.force(false);
        BootSwitch.pause("metadata");
        return emptied;
    }

    /**
     * Writes the boot sector that switches to the new volume, then its backup, each forced to
     * the medium. Call once, after {@link #prepare}.
     */
    public void commit() throws IOException {
        if (newBootSector == null || committed) {
            throw new IllegalStateException(newBootSector == null ? "commit() before prepare()" : "commit() twice");
        }
        committed = true;
        BootSwitch.write(this, channel, newBootSector, geometry.bootSector() == null);
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("the volume is already finished");
        }
    }

    // ---- I/O helpers shared with NtfsData and VolumeLayout ----

    void allocate(long clusters, Runs runs) throws NtfsVolumeFullException {
        if (metadataReserve == null) {
            reserveMetadata();
        }
        allocator.allocate(clusters, runs);
    }

    /**
     * Before the first data cluster is handed out, sets aside room for what {@link #finish}
     * writes ($MFT, indexes, $LogFile, $Secure, $UpCase, $Bitmap...), estimated generously, so a
     * volume that fills up with data can still be finished consistently.
     */
    private void reserveMetadata() throws NtfsVolumeFullException {
        metadataReserve = new Runs();
        long clusters = Math.min(clustersFor(metadataBytes()), allocator.available());
        allocator.allocate(clusters, metadataReserve);
    }

    /** A generous estimate of the bytes {@link #finish} writes for the tree built so far. */
    private long metadataBytes() {
        long names = 0;
        long nameBytes = 0;
        long dirs = 1;
        for (NtfsNode n : nodes) {
            dirs += n.directory ? 1 : 0;
            for (NtfsNode.Name nm : n.names) {
                names++;
                nameBytes += 0x60 + 2L * nm.name().length();
            }
        }
        int rs = geometry.recordSize();
        return (nodes.size() + names / 4 + 64) * (long) rs    // $MFT, extension records
                + 2 * nameBytes + (long) geometry.indexBlockSize() * (dirs + 8)   // $I30 blocks, half full
                + geometry.logFileSize() + Math.max(4L * rs, geometry.clusterSize())
                + SystemTables.ATTRDEF_SIZE + UpCase.SIZE * 2L
                + geometry.totalClusters() / 8 + 16 * 8
                + 2L * secure.sds().length + 2 * (long) geometry.indexBlockSize()
                + 16L * geometry.clusterSize();                    // rounding of each system file
    }

    void release(Runs runs) {
        for (int i = 0; i < runs.count(); i++) {
            if (runs.lcn(i) != Runs.SPARSE) {
                allocator.release(runs.lcn(i), runs.length(i));
            }
        }
    }

    /** Writes {@code b[off..off+len)} at stream position {@code pos} through {@code runs}. */
    void writeRuns(Runs runs, long pos, byte[] b, int off, int len) throws IOException {
        long cs = geometry.clusterSize();
        long vcnStart = 0;
        for (int i = 0; i < runs.count() && len > 0; i++) {
            long runBytes = runs.length(i) * cs;
            if (pos < vcnStart + runBytes) {
                long inRun = pos - vcnStart;
                int n = (int) Math.min(len, runBytes - inRun);
                if (runs.lcn(i) == Runs.SPARSE) {
                    throw new IllegalStateException("write into a hole");
                }
                writeAt(runs.lcn(i) * cs + inRun, b, off, n);
                pos += n;
                off += n;
                len -= n;
            }
            vcnStart += runBytes;
        }
        if (len > 0) {
            throw new IllegalStateException("write past the allocated clusters");
        }
    }

    /** New clusters holding {@code b}, the rest of the last one zeroed: a value moved out of its record. */
    Runs writeToNewClusters(byte[] b) throws IOException {
        Runs runs = new Runs();
        allocate(clustersFor(b.length), runs);
        writeRuns(runs, 0, b, 0, b.length);
        zeroTail(runs, b.length);
        return runs;
    }

    /** Zeroes the rest of the last cluster after {@code size} bytes (no stale bytes in slack). */
    void zeroTail(Runs runs, long size) throws IOException {
        int cs = geometry.clusterSize();
        int tail = (int) (size % cs);
        if (tail != 0) {
            writeRuns(runs, size, zeros, 0, cs - tail);
        }
    }

    /** Writes at a volume-relative byte offset. */
    void writeAt(long volumePos, byte[] b, int off, int len) throws IOException {
        if (volumePos < 0 || volumePos + len > geometry.volumeLength()) {
            throw new IllegalStateException("write at " + volumePos + "+" + len + " outside the volume");
        }
        if (!committed && allocator.isAvoiding()) {
            long cs = geometry.clusterSize();
            allocator.checkNotAvoided(volumePos / cs, (volumePos + len + cs - 1) / cs);
        }
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        long at = offset + volumePos;
        while (buf.hasRemaining()) {
            at += channel.write(buf, at);
        }
    }

    static boolean isZero(byte[] b, int off, int len) {
        for (int p = 0; p < len; p += ZERO_64K.length) { // clusters go up to 2 MiB
            int n = Math.min(ZERO_64K.length, len - p);
            if (Arrays.mismatch(b, off + p, off + p + n, ZERO_64K, 0, n) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static final byte[] ZERO_64K = new byte[65536];

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "NtfsWriter[%s, %d files]", geometry, nodes.size());
    }
}
