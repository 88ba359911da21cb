package org.jwim.fat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jwim.common.Warning;
import org.jwim.fat.format.Bpb;
import org.jwim.fat.format.FsInfo;
import org.jwim.fat.format.Io;
import org.jwim.fat.format.ShortEntry;
import org.jwim.fat.table.Chain;
import org.jwim.fat.table.ChainWalker;
import org.jwim.fat.table.FatTable;
import org.jwim.fat.table.LongSet;

/**
 * A FAT12/16/32 volume read from a region of a {@link FileChannel} (a whole image file or a
 * partition inside a disk image), read-only. {@link #open} validates the boot sector and loads
 * the active FAT (into memory at 4 bytes per cluster up to 16 Mi clusters, paged through a
 * 16 MiB cache beyond); directories are read on demand by
 * {@link #list}. Damaged entries and chains are reported to the warning listener and worked
 * around; only an unusable volume throws {@link FatFormatException}.
 *
 * <p>Thread-safety: {@link #list} may be called from several threads (it serialises its
 * cross-link bookkeeping); streams from {@link FatEntry#open()} use positional reads and are
 * independent. The volume does not own the channel: closing it is the caller's job.
 */
public final class FatVolume {
    /**
     * Directories deeper than this are reported and not listed: a Windows path is at most
     * 32767 characters, and each level takes at least two ("\\x").
     */
    public static final int MAX_DIRECTORY_DEPTH = 16384;

    /** FAT directories hold at most 65536 entries of 32 bytes. */
    static final int MAX_DIRECTORY_BYTES = 65536 * 32;

    private final FileChannel channel;
    private final long offset;
    private final Bpb bpb;
    private final FsInfo fsInfo;
    private final ChainWalker walker;
    private final Consumer<Warning> listener;
    private final Charset oem;
    private final FatEntry root;
    private final String label;
    private final BitSet claimed;
    private final LongSet resolvedEntries = new LongSet();
    private final LongSet rejectedDirectories = new LongSet();
    /** Tests force FAT paging with {maxInMemory, pageEntries, cachePages}; null = defaults. */
    static volatile int[] fatPaging;
    /** {@link #MAX_DIRECTORY_DEPTH}, lowered by tests. */
    int maxDepth = MAX_DIRECTORY_DEPTH;

    private FatVolume(FileChannel channel, long offset, long length, Bpb bpb,
                      Consumer<Warning> listener, Charset oem) throws IOException {
        this.channel = channel;
        this.offset = offset;
        this.bpb = bpb;
        this.listener = listener;
        this.oem = oem;
        long clusters = bpb.clusterCount();
        long fitting = (length - bpb.dataOffset()) / bpb.clusterSize();
        if (fitting < clusters) {
            warn("", -1, "volume is " + length + " bytes but its boot sector describes "
                    + bpb.totalSectors() * bpb.bytesPerSector() + "; clusters beyond "
                    + (fitting + 1) + " are treated as out of range");
        }
        this.fsInfo = readFsInfo(length);
        int fatIndex = 0;
        if (bpb.mirroringDisabled()) {
            fatIndex = bpb.activeFat();
            if (fatIndex >= bpb.numFats()) {
                warn("", offset + 0x28, "active FAT " + fatIndex + " does not exist ("
                        + bpb.numFats() + " FATs); using FAT 0");
                fatIndex = 0;
            }
        }
        int[] paging = fatPaging;
        FatTable fat = paging == null
                ? FatTable.load(channel, offset + bpb.fatOffset(fatIndex), bpb.type(), (int) (clusters + 2))
                : FatTable.load(channel, offset + bpb.fatOffset(fatIndex), bpb.type(), (int) (clusters + 2),
                        paging[0], paging[1], paging[2]);
        checkDirtyFlags(fat);
        this.walker = new ChainWalker(fat, (int) Math.min(clusters, fitting) + 1);
        this.claimed = new BitSet(walker.maxCluster() + 1);
        this.root = buildRoot();
        this.label = new DirectoryReader(this, oem).findLabel(root, bpb.label());
    }

    /** Opens with warnings logged through {@link System.Logger}. */
    public static FatVolume open(FileChannel channel, long offset, long length) throws IOException {
        System.Logger log = System.getLogger("org.jwim.fat");
        return open(channel, offset, length, w -> log.log(System.Logger.Level.WARNING, w.toString()));
    }

    /** Opens with short names decoded as OEM code page 437 (US Windows). */
    public static FatVolume open(FileChannel channel, long offset, long length,
                                 Consumer<Warning> listener) throws IOException {
        return open(channel, offset, length, listener, defaultOemCharset());
    }

    /**
     * Opens the volume occupying {@code requestedLength} bytes at byte {@code offset} of
     * {@code channel}.
     *
     * @param channel         read with positional reads only; not closed by the volume
     * @param offset          byte offset of the boot sector in the channel (partition start)
     * @param requestedLength bytes of the volume; clamped (with a warning) when the channel is
     *                        shorter
     * @param listener        receives damage reports; called on the reading thread
     * @param oemCharset      code page of 8.3 names (437 on US Windows, 850 is mtools' default)
     * @throws FatFormatException when the boot sector is invalid or the FAT cannot be read
     */
    public static FatVolume open(FileChannel channel, long offset, long requestedLength,
                                 Consumer<Warning> listener, Charset oemCharset) throws IOException {
        long length = requestedLength;
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(oemCharset, "oemCharset");
        if (offset < 0 || length < 0 || offset > Long.MAX_VALUE - length) {
            throw new IllegalArgumentException("bad volume region: offset " + offset + ", length " + length);
        }
        if (length < Bpb.SIZE) {
            throw new FatFormatException("volume at offset " + offset + " is " + length
                    + " bytes, too small for a " + Bpb.SIZE + "-byte boot sector");
        }
        long available = channel.size() - offset;
        if (available > 0 && available < length) {
            // A cut-off image: keep what exists (devices may report size 0, then trust length).
            listener.accept(Warning.of(Warning.Kind.DAMAGED, "volume region of " + length
                    + " bytes ends beyond the channel's " + channel.size() + " bytes; using " + available));
            length = available;
            if (length < Bpb.SIZE) {
                throw new FatFormatException("volume at byte " + offset + ": only " + length + " bytes");
            }
        }
        byte[] boot = new byte[Bpb.SIZE];
        Io.readFully(channel, boot, 0, Bpb.SIZE, offset);
        Bpb bpb;
        try {
            bpb = Bpb.read(boot, length);
        } catch (FatFormatException e) {
            throw new FatFormatException("volume at byte " + offset + ": " + e.getMessage(), e);
        }
        return new FatVolume(channel, offset, length, bpb, listener, oemCharset);
    }

    static Charset defaultOemCharset() {
        return Charset.isSupported("IBM437") ? Charset.forName("IBM437") : Charset.forName("ISO-8859-1");
    }

    private FsInfo readFsInfo(long length) throws IOException {
        int sector = bpb.fsInfoSector();
        if (bpb.type() != FatType.FAT32 || sector == 0 || sector == 0xFFFF) {
            return null;
        }
        long pos = (long) sector * bpb.bytesPerSector();
        if (sector >= bpb.reservedSectors() || pos + FsInfo.SIZE > length) {
            warn("", offset + 0x30, "FSInfo sector " + sector + " is outside the reserved area; ignored");
            return null;
        }
        byte[] b = new byte[FsInfo.SIZE];
        Io.readFully(channel, b, 0, b.length, offset + pos);
        FsInfo info = FsInfo.read(b);
        if (info == null) {
            warn("", offset + pos, "FSInfo signatures are wrong; ignored");
        }
        return info;
    }

    private void checkDirtyFlags(FatTable fat) throws IOException {
        // Entry 1 keeps "clean shutdown" and "no I/O error" bits (FAT16: 15/14, FAT32: 27/26).
        int v = fat.get(1);
        int cleanBit = bpb.type() == FatType.FAT32 ? 0x0800_0000 : bpb.type() == FatType.FAT16 ? 0x8000 : 0;
        if (cleanBit != 0 && (v & cleanBit) == 0) {
            warn("", -1, "volume was not cleanly unmounted (FAT entry 1 dirty flag)");
        }
        if (cleanBit != 0 && (v & cleanBit >>> 1) == 0) {
            warn("", -1, "volume recorded a disk I/O error (FAT entry 1 error flag)");
        }
    }

    private FatEntry buildRoot() throws IOException {
        FatExtents ext;
        if (bpb.type() == FatType.FAT32) {
            Chain c = walker.walk(bpb.rootCluster(), directoryClusterLimit(), false);
            if (c.problem() != null) {
                warn("/", -1, "root directory: " + c.problem());
            }
            ext = toExtents(c, Long.MAX_VALUE);
            claim(c);
        } else {
            ext = new FatExtents(new long[] {offset + bpb.rootDirOffset()},
                    new long[] {bpb.rootDirBytes()});
        }
        return new FatEntry(this, null, "", false, null, -1, ext, false);
    }

    long directoryClusterLimit() {
        return (MAX_DIRECTORY_BYTES + bpb.clusterSize() - 1) / bpb.clusterSize();
    }

    /**
     * Lists a directory's entries in on-disk order, without {@code .}, {@code ..}, deleted
     * entries and volume labels. Each child's cluster chain is resolved here (damage is
     * reported once per entry); a child directory sharing clusters with an already seen entry
     * (a cycle) comes back with {@link FatEntry#isUnreadableDirectory()} true.
     *
     * @throws IllegalArgumentException when {@code dir} is not a directory of this volume
     * @throws IOException              when the channel fails
     */
    public List<FatEntry> list(FatEntry dir) throws IOException {
        if (!dir.isDirectory() || dir.volume() != this) {
            throw new IllegalArgumentException(dir + " is not a directory of this volume");
        }
        if (dir.isUnreadableDirectory()) {
            return List.of();
        }
        return new DirectoryReader(this, oem).list(dir);
    }

    /**
     * Resolves a child's chain and builds its entry; keeps the cross-link bitmap. Called by
     * {@link DirectoryReader} with the entry's absolute offset as identity, so listing a
     * directory twice does not report false cross-links.
     */
    synchronized FatEntry resolve(FatEntry parent, String longName, boolean hasLfn,
                                  ShortEntry e, long entryOffset, String path) throws IOException {
        boolean dir = e.isDirectory();
        int cs = bpb.clusterSize();
        Chain c;
        if (dir) {
            c = walker.walk(e.firstCluster(), directoryClusterLimit(), false);
        } else {
            c = walker.walk(e.firstCluster(), (e.size() + cs - 1) / cs, true);
        }
        boolean firstTime = resolvedEntries.add(entryOffset);
        if (firstTime && c.problem() != null) {
            warn(path, entryOffset, c.problem());
        }
        if (firstTime) {
            boolean shared = claim(c);
            if (shared && dir) {
                rejectedDirectories.add(entryOffset);
                warn(path, entryOffset, "directory shares clusters with another entry (a cycle or"
                        + " cross-link); its contents are skipped");
            } else if (shared) {
                warn(path, entryOffset, "file shares clusters with another entry (cross-linked)");
            }
        }
        if (dir && parent.depth() + 1 > maxDepth && !rejectedDirectories.contains(entryOffset)) {
            rejectedDirectories.add(entryOffset);
            warn(path, entryOffset, "directory nested deeper than " + maxDepth + " levels; its"
                    + " contents are skipped");
        }
        boolean unreadable = dir && rejectedDirectories.contains(entryOffset);
        FatExtents ext = toExtents(c, dir ? Long.MAX_VALUE : e.size());
        return new FatEntry(this, parent, longName, hasLfn, e, entryOffset, ext, unreadable);
    }

    /** Marks the chain's clusters as used; returns true if any was already marked. */
    private boolean claim(Chain c) {
        boolean shared = false;
        for (int i = 0; i < c.runCount(); i++) {
            int s = c.runStarts()[i];
            int end = s + c.runLengths()[i];
            int hit = claimed.nextSetBit(s);
            if (hit >= 0 && hit < end) {
                shared = true;
            }
            claimed.set(s, end);
        }
        return shared;
    }

    private FatExtents toExtents(Chain c, long maxBytes) {
        long cs = bpb.clusterSize();
        long base = offset + bpb.dataOffset();
        int n = c.runCount();
        long[] starts = new long[n];
        long[] lens = new long[n];
        long left = maxBytes;
        int used = 0;
        for (int i = 0; i < n && left > 0; i++) {
            starts[i] = base + (c.runStarts()[i] - 2L) * cs;
            lens[i] = Math.min(left, c.runLengths()[i] * cs);
            left -= lens[i];
            used++;
        }
        if (used < n) {
            starts = Arrays.copyOf(starts, used);
            lens = Arrays.copyOf(lens, used);
        }
        return new FatExtents(starts, lens);
    }

    void warn(String path, long byteOffset, String message) {
        warn(path, byteOffset, Warning.Kind.DAMAGED, message);
    }

    /** Reports {@code message} about {@code path}, naming the structure's byte offset if known (>= 0). */
    void warn(String path, long byteOffset, Warning.Kind kind, String message) {
        listener.accept(new Warning(path, kind, message + (byteOffset >= 0 ? " (at byte " + byteOffset + ")" : "")));
    }

    FileChannel channel() {
        return channel;
    }

    long rootCluster() {
        return bpb.rootCluster();
    }

    boolean isFat32() {
        return bpb.type() == FatType.FAT32;
    }

    /** The root directory. */
    public FatEntry root() {
        return root;
    }

    public FatType type() {
        return bpb.type();
    }

    /**
     * Volume label: the root directory's label entry if present, else the boot sector's;
     * trailing spaces removed, "" when none (or "NO NAME").
     */
    public String label() {
        return label;
    }

    /** Volume serial number (u32) from the extended boot signature; 0 when absent. */
    public long serialNumber() {
        return bpb.serialNumber();
    }

    /** Bytes per cluster. */
    public int clusterSize() {
        return bpb.clusterSize();
    }

    public int bytesPerSector() {
        return bpb.bytesPerSector();
    }

    /** Count of data clusters (cluster numbers 2..count+1). */
    public long clusterCount() {
        return bpb.clusterCount();
    }

    /** Free cluster count cached in FSInfo (a hint; -1 when unknown or not FAT32). */
    public long fsInfoFreeCount() {
        return fsInfo == null || fsInfo.freeCount() == FsInfo.UNKNOWN ? -1 : fsInfo.freeCount();
    }

    /** Byte offset of the volume in the channel. */
    public long offset() {
        return offset;
    }
}
