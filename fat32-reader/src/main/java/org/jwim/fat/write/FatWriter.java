package org.jwim.fat.write;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jwim.common.LE;
import org.jwim.fat.FatFormatException;
import org.jwim.fat.FatType;
import org.jwim.fat.format.Bpb;
import org.jwim.fat.format.FsInfo;
import org.jwim.fat.format.Io;
import org.jwim.fat.format.ShortEntry;

/**
 * Rewrites an existing FAT12/16/32 volume in a region of a {@link FileChannel}: {@link #open}
 * plans a wipe in memory (every root entry except the protected ones goes, with its clusters;
 * protected entries and their subtrees stay byte for byte), nothing is written until the
 * first {@link #mkdir}/{@link #createFile} commits the wipe. New directories and files then
 * get long names, unique 8.3 names, attributes and times; file data is written through
 * {@link FatFile#write}; {@link #finish} writes the directories, both FATs (or the active one
 * when mirroring is off) and FSInfo. Every write is checked to lie inside the region.
 *
 * <p>Call {@link #finish} (or {@link #close}) also after a failure: the volume is then left
 * consistent, holding what was created so far. Not thread-safe; the channel stays the
 * caller's.
 */
public final class FatWriter implements Closeable {
    private final FileChannel channel;
    private final long offset;
    private final long length;
    private final Bpb bpb;
    private final FatAllocator fat;
    private final int maxCluster;
    private final byte[] fatImage;
    private final FatDirectory root;
    private final WipeResult wipe;
    private final List<FatDirectory> directories = new ArrayList<>();
    private boolean committed;
    private boolean finished;

    private FatWriter(FileChannel channel, long offset, long length, Bpb bpb, Collection<String> protect)
            throws IOException {
        this.channel = channel;
        this.offset = offset;
        this.length = length;
        this.bpb = bpb;
        long fitting = (length - bpb.dataOffset()) / bpb.clusterSize();
        this.maxCluster = (int) Math.min(bpb.clusterCount(), fitting) + 1;
        long fatBytes = FatAllocator.encodedBytes(bpb.type(), maxCluster);
        if (fatBytes > bpb.fatSectors() * bpb.bytesPerSector() || fatBytes > Integer.MAX_VALUE - 16) {
            throw new FatFormatException("FAT of " + bpb.fatSectors() + " sectors cannot hold "
                    + (maxCluster + 1) + " entries");
        }
        this.fatImage = new byte[(int) fatBytes];
        int active = bpb.mirroringDisabled() && bpb.activeFat() < bpb.numFats() ? bpb.activeFat() : 0;
        // the whole image is read (FAT12: including the byte shared with the next entry), so
        // bytes beyond the entries this writer owns are written back unchanged
        Io.readFully(channel, fatImage, 0, fatImage.length, offset + bpb.fatOffset(active));
        this.fat = FatAllocator.decode(fatImage, bpb.type(), maxCluster);
        RootWipe rw = new RootWipe(this, protect);
        this.root = rw.root();
        this.wipe = rw.result();
        directories.add(root);
    }

    /**
     * Opens the FAT volume at {@code [offset, offset+length)} of {@code channel} (opened for
     * reading and writing) and plans the wipe.
     *
     * @param protectedNames root entries to keep, matched case-insensitively against each
     *                       entry's long and short name
     * @throws FatFormatException when the boot sector or FAT is unusable
     */
    public static FatWriter open(FileChannel channel, long offset, long length,
                                 Collection<String> protectedNames) throws IOException {
        Objects.requireNonNull(channel, "channel");
        if (offset < 0 || length < Bpb.SIZE || offset > Long.MAX_VALUE - length) {
            throw new IllegalArgumentException("bad volume region: offset " + offset + ", length " + length);
        }
        byte[] boot = new byte[Bpb.SIZE];
        Io.readFully(channel, boot, 0, Bpb.SIZE, offset);
        Bpb bpb;
        try {
            bpb = Bpb.read(boot, length);
        } catch (FatFormatException e) {
            throw new FatFormatException("volume at byte " + offset + ": " + e.getMessage(), e);
        }
        return new FatWriter(channel, offset, length, bpb, List.copyOf(protectedNames));
    }

    /** What the wipe keeps and removes (planned at open, applied with the first change). */
    public WipeResult wipeResult() {
        return wipe;
    }

    /** The root directory (holding only the kept entries). */
    public FatDirectory root() {
        return root;
    }

    public FatType type() {
        return bpb.type();
    }

    /** Free bytes now (clusters free times cluster size). */
    public long freeBytes() {
        return fat.freeCount() * bpb.clusterSize();
    }

    /** Writes the wipe (root directory, FATs, FSInfo) if not done yet. */
    public void commitWipe() throws IOException {
        if (!committed) {
            committed = true;
            writeMetadata();
        }
    }

    /**
     * Creates a subdirectory of {@code parent}.
     *
     * @throws IllegalArgumentException when the name is not a legal FAT long name or is
     *                                  taken (case-insensitively, long or short) in {@code parent}
     * @throws FatVolumeFullException   when no cluster or directory entry is left
     */
    public FatDirectory mkdir(FatDirectory parent, String name, EntryMeta meta) throws IOException {
        return mkdir(parent, name, null, meta);
    }

    /**
     * Creates a subdirectory of {@code parent}, keeping {@code shortName} as its 8.3 name when
     * the long name needs one and it is a valid, free short name (else one is generated), so
     * paths recorded in short form (for example {@code PROGRA~1}) still resolve.
     *
     * @see #mkdir(FatDirectory, String, EntryMeta)
     */
    public FatDirectory mkdir(FatDirectory parent, String name, String shortName, EntryMeta meta) throws IOException {
        String path = parent.childPath(name);
        FatNames.Short83 sn = prepare(parent, name, shortName, path);
        int extra = parentGrowth(parent, FatDirectory.entriesFor(name, FatNames.exact(name)));
        if (1 + extra > fat.freeCount()) {
            throw new FatVolumeFullException(path, 1 + extra, fat.freeCount());
        }
        int[] c = fat.allocate(1, 0, path);
        addEntry(parent, name, sn, ShortEntry.ATTR_DIRECTORY | (meta.attributes() & EntryMeta.FAT_ATTRIBUTES),
                c[0], 0, meta, path);
        FatDirectory d = new FatDirectory(path, c, FatDirectory.MAX_BYTES);
        d.appendRaw(FatDirectory.dotEntry(false, c[0], meta), 0, 32);
        d.appendRaw(FatDirectory.dotEntry(true, parent == root ? 0 : parent.firstCluster(), meta), 0, 32);
        directories.add(d);
        return d;
    }

    /**
     * Creates a file of {@code size} bytes in {@code parent} and allocates its clusters
     * (contiguous where free space allows); write its data with {@link FatFile#write}.
     *
     * @throws FatVolumeFullException when the clusters do not fit (nothing is allocated), or
     *                                the size exceeds FAT's 4 GiB - 1
     */
    public FatFile createFile(FatDirectory parent, String name, long size, EntryMeta meta) throws IOException {
        return createFile(parent, name, null, size, meta);
    }

    /**
     * Creates a file as {@link #createFile(FatDirectory, String, long, EntryMeta)} does,
     * keeping {@code shortName} as its 8.3 name when possible (see
     * {@link #mkdir(FatDirectory, String, String, EntryMeta)}).
     */
    public FatFile createFile(FatDirectory parent, String name, String shortName, long size, EntryMeta meta)
            throws IOException {
        String path = parent.childPath(name);
        if (size < 0 || size > 0xFFFF_FFFFL) {
            throw new FatVolumeFullException(path, "a file of " + size + " bytes cannot be stored on FAT"
                    + " (at most 4 GiB - 1)");
        }
        FatNames.Short83 sn = prepare(parent, name, shortName, path);
        long count = (size + bpb.clusterSize() - 1) / bpb.clusterSize();
        int extra = parentGrowth(parent, FatDirectory.entriesFor(name, FatNames.exact(name)));
        if (count + extra > fat.freeCount()) {
            throw new FatVolumeFullException(path, count + extra, fat.freeCount());
        }
        int[] c = count == 0 ? new int[0] : fat.allocate(count, 0, path);
        int entry = addEntry(parent, name, sn, meta.attributes() & EntryMeta.FAT_ATTRIBUTES,
                c.length == 0 ? 0 : c[0], size, meta, path);
        return new FatFile(this, path, size, c, parent, entry);
    }

    private FatNames.Short83 prepare(FatDirectory parent, String name, String shortName, String path)
            throws IOException {
        if (finished) {
            throw new IllegalStateException("writer finished");
        }
        String bad = FatNames.invalidReason(name);
        if (bad != null) {
            throw new IllegalArgumentException(path + ": " + bad);
        }
        if (parent.contains(name)) {
            throw new IllegalArgumentException(path + ": name already used in " + parent.path()
                    + " (FAT names are case-insensitive; short names count too)");
        }
        commitWipe();
        FatNames.Short83 exact = FatNames.exact(name);
        if (exact != null && !parent.contains(exact.display())) {
            return exact;
        }
        FatNames.Short83 kept = shortName == null || shortName.isEmpty() ? null : FatNames.exact(shortName);
        if (kept != null && kept.ntFlags() == 0 && !parent.contains(kept.display())) {
            return kept;
        }
        return FatNames.generate(name, parent.taken());
    }

    /** Clusters the parent must grow by to hold {@code entries} more entries. */
    private int parentGrowth(FatDirectory parent, int entries) {
        if (parent.firstCluster() == 0 && bpb.type() != FatType.FAT32) {
            return 0;
        }
        long need = (parent.bytesAfter(entries) + bpb.clusterSize() - 1) / bpb.clusterSize();
        return (int) Math.max(0, need - parent.clusters().length);
    }

    private int addEntry(FatDirectory parent, String name, FatNames.Short83 sn, int attrs, long first,
                         long size, EntryMeta meta, String path) throws IOException {
        FatNames.Short83 exact = FatNames.exact(name);
        boolean needLfn = exact == null || !java.util.Arrays.equals(exact.raw(), sn.raw());
        int entries = needLfn ? 1 + (name.length() + 12) / 13 : 1;
        if (parent.bytesAfter(entries) > parent.capacity()) {
            if (first != 0) {
                fat.freeChain((int) first);
            }
            throw new FatVolumeFullException(path, parent.firstCluster() == 0 && bpb.type() != FatType.FAT32
                    ? "the root directory is full (" + bpb.rootEntryCount() + " entries)"
                    : "directory " + parent.path() + " is full (65536 entries)");
        }
        int grow = parentGrowth(parent, entries);
        if (grow > 0) {
            int[] old = parent.clusters();
            int[] more = fat.allocate(grow, old[old.length - 1], path);
            int[] all = java.util.Arrays.copyOf(old, old.length + more.length);
            System.arraycopy(more, 0, all, old.length, more.length);
            parent.clusters(all);
        }
        return parent.addEntry(name, sn, needLfn, attrs, first, size, meta);
    }

    /** Frees a file's clusters and records it as empty (its data never fully arrived). */
    void discard(FatDirectory parent, int entryOffset, int[] clusters) {
        if (clusters.length > 0) {
            fat.freeChain(clusters[0]);
        }
        parent.emptyEntry(entryOffset);
    }

    /** Writes directories, FATs and FSInfo. Idempotent; later changes are refused. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        if (committed) {
            writeMetadata();
        }
        finished = true;
    }

    @Override
    public void close() throws IOException {
        finish();
    }

    private void writeMetadata() throws IOException {
        for (FatDirectory d : directories) {
            writeDirectory(d);
        }
        long[] positions;
        if (bpb.mirroringDisabled() && bpb.activeFat() < bpb.numFats()) {
            positions = new long[] {bpb.fatOffset(bpb.activeFat())};
        } else {
            positions = new long[bpb.numFats()];
            for (int i = 0; i < positions.length; i++) {
                positions[i] = bpb.fatOffset(i);
            }
        }
        fat.writeTo(fatImage, positions, this::writeChecked);
        writeFsInfo();
        channel.force(false);
    }

    private void writeDirectory(FatDirectory d) throws IOException {
        int[] c = d.clusters();
        if (c.length == 0) {
            // FAT12/16 fixed root: the whole region, zero after the last entry
            byte[] all = new byte[(int) bpb.rootDirBytes()];
            System.arraycopy(d.content(), 0, all, 0, d.used());
            writeChecked(ByteBuffer.wrap(all), bpb.rootDirOffset());
            return;
        }
        int cs = bpb.clusterSize();
        byte[] all = new byte[c.length * cs];
        System.arraycopy(d.content(), 0, all, 0, d.used());
        int i = 0;
        while (i < c.length) {
            int j = i;
            while (j + 1 < c.length && c[j + 1] == c[j] + 1) {
                j++;
            }
            writeChecked(ByteBuffer.wrap(all, i * cs, (j - i + 1) * cs), clusterOffset(c[i]));
            i = j + 1;
        }
    }

    private void writeFsInfo() throws IOException {
        int sector = bpb.fsInfoSector();
        if (bpb.type() != FatType.FAT32 || sector == 0 || sector >= bpb.reservedSectors()) {
            return;
        }
        long pos = (long) sector * bpb.bytesPerSector();
        byte[] b = new byte[FsInfo.SIZE];
        Io.readFully(channel, b, 0, b.length, offset + pos);
        if (FsInfo.read(b) == null) {
            return; // not a valid FSInfo: leave it alone
        }
        LE.put32(b, 0x1E8, fat.freeCount());
        LE.put32(b, 0x1EC, fat.nextFreeHint());
        writeChecked(ByteBuffer.wrap(b), pos);
    }

    /** Byte offset in the volume of a data cluster. */
    long clusterOffset(int cluster) {
        return bpb.dataOffset() + (cluster - 2L) * bpb.clusterSize();
    }

    /** Bytes per cluster. */
    public int clusterSize() {
        return bpb.clusterSize();
    }

    Bpb bpb() {
        return bpb;
    }

    FatAllocator fat() {
        return fat;
    }

    /** Data of a {@link FatFile}: only into the data region. */
    void writeData(ByteBuffer data, long volumeOffset) throws IOException {
        if (volumeOffset < bpb.dataOffset()) {
            throw new IllegalStateException("data write at volume byte " + volumeOffset
                    + " lies before the data region");
        }
        writeChecked(data, volumeOffset);
    }

    /** The one place bytes are written: refuses anything outside the volume's region. */
    private void writeChecked(ByteBuffer data, long volumeOffset) throws IOException {
        if (volumeOffset < 0 || volumeOffset > length - data.remaining()) {
            throw new IllegalStateException("write of " + data.remaining() + " bytes at volume byte "
                    + volumeOffset + " lies outside the " + length + "-byte volume");
        }
        long pos = offset + volumeOffset;
        while (data.hasRemaining()) {
            pos += channel.write(data, pos);
        }
    }

    /** Reads {@code len} bytes at volume byte {@code volumeOffset}. */
    byte[] read(long volumeOffset, int len) throws IOException {
        byte[] b = new byte[len];
        Io.readFully(channel, b, 0, len, offset + volumeOffset);
        return b;
    }

    int maxCluster() {
        return maxCluster;
    }

    BitSet newClusterSet() {
        return new BitSet(maxCluster + 1);
    }
}
