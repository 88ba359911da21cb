package org.jwim.capture.apply;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.jwim.capture.CaptureException;
import org.jwim.ntfs.NtfsDirEntry;
import org.jwim.ntfs.NtfsFile;
import org.jwim.ntfs.NtfsFormatException;
import org.jwim.ntfs.NtfsStream;
import org.jwim.ntfs.NtfsVolume;
import org.jwim.ntfs.write.NtfsData;
import org.jwim.ntfs.write.NtfsGeometry;
import org.jwim.ntfs.write.NtfsMeta;
import org.jwim.ntfs.write.NtfsWriter;
import org.jwim.ntfs.write.UpCase;
import org.jwim.wim.ProgressListener;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;

/**
 * Applies an image to a raw NTFS volume in pure Java. The wipe is a re-format that keeps the
 * volume's geometry (size, sector, cluster, record and index block sizes, boot code), serial
 * number, label and $UpCase table, and carries the protected root items over with their
 * metadata (their plain data stays in place). Then the image's tree is created and its data
 * written, each blob read once in container order, every file contiguous. Everything an NTFS
 * volume holds is applied (compressed files are LZNT1-compressed again when clusters are at
 * most 4 KiB) except EFS-encrypted files and extended attributes (skipped, reported). {@link #open} reads and
 * checks the old volume without writing; {@link #apply} writes. Not thread-safe.
 */
public final class NtfsVolumeTarget implements ApplyTarget {
    /** Everything but what the writer does not implement yet. */
    private static final Set<Feature> FEATURES = Set.copyOf(EnumSet.complementOf(
            EnumSet.of(Feature.EXTENDED_ATTRIBUTES, Feature.ENCRYPTION)));

    private static final int BUFFER = 1 << 20;

    private final FileChannel channel;
    private final long offset;
    private final NtfsGeometry geometry;
    private final UpCase upcase;
    private final NtfsVolume old;
    private Built built;
    private final List<NtfsDirEntry> protectedRoots;
    private final Protection protection;
    private final List<String> kept = new ArrayList<>();
    private final List<String> removed = new ArrayList<>();
    private ToLongFunction<Sha1> readPosition = h -> 0;
    private ProgressListener progress = ProgressListener.NONE;
    private Consumer<String> listener = w -> { };
    private int threads = Runtime.getRuntime().availableProcessors();

    private NtfsVolumeTarget(FileChannel channel, long offset, NtfsGeometry geometry, UpCase upcase,
            NtfsVolume old, List<NtfsDirEntry> protectedRoots, Protection protection) {
        this.channel = channel;
        this.offset = offset;
        this.geometry = geometry;
        this.upcase = upcase;
        this.protection = protection;
        this.old = old;
        this.protectedRoots = protectedRoots;
    }

    /**
     * Reads the NTFS volume at {@code [offset, offset+length)}: geometry, label, $UpCase and the
     * protected root items (checked to be carried over). Nothing is written.
     *
     * @throws NtfsFormatException when the volume cannot be read
     * @throws CaptureException    when a protected item cannot be carried over
     */
    public static NtfsVolumeTarget open(FileChannel channel, long offset, long length, Protection protection,
            Consumer<String> warnings) throws IOException {
        NtfsVolume old = NtfsVolume.open(channel, offset, length, warnings);
        byte[] boot = new byte[512];
        ByteBuffer bb = ByteBuffer.wrap(boot);
        while (bb.hasRemaining() && channel.read(bb, offset + bb.position()) > 0) {
            // fill
        }
        NtfsFile log = old.file(2);
        NtfsStream logData = log == null ? null : log.stream("");
        long logSize = logData == null ? NtfsGeometry.DEFAULT_LOG_FILE : logData.size();
        NtfsGeometry g = NtfsGeometry.of(boot, length, old.label(), logSize);
        UpCase up;
        try {
            up = UpCase.of(old.upcase());
        } catch (IllegalArgumentException e) {
            warnings.accept("volume at offset " + offset + ": $UpCase unusable (" + e.getMessage() + "), a new table is written");
            up = UpCase.generate();
        }
        List<NtfsDirEntry> keep = new ArrayList<>();
        List<String> keptNames = new ArrayList<>();
        List<String> removedNames = new ArrayList<>();
        for (NtfsDirEntry e : old.list(old.root())) {
            if (e.file().recordNumber() < 24 && e.name().startsWith("$")) {
                continue;                               // system files are re-created
            }
            if (protection.matches(e.name()) || protection.matches(e.shortName())) {
                keep.add(e);
                keptNames.add(e.name());
            } else {
                removedNames.add(e.name());
            }
        }
        NtfsVolumeTarget t = new NtfsVolumeTarget(channel, offset, g, up, old, keep, protection);
        new NtfsCarryOver(old, offset, keep).check();
        t.kept.addAll(keptNames);
        t.removed.addAll(removedNames);
        return t;
    }

    /** Root entries the wipe keeps. */
    public List<String> kept() {
        return List.copyOf(kept);
    }

    /** Root entries the wipe removes. */
    public List<String> removed() {
        return List.copyOf(removed);
    }

    public NtfsGeometry geometry() {
        return geometry;
    }

    /** True when an image root entry would land on a kept item (long or short name, any case). */
    public boolean isKept(String name) {
        for (String k : kept) {
            if (upcaseEquals(k, name)) {
                return true;
            }
        }
        return false;
    }

    private boolean upcaseEquals(String a, String b) {
        return b != null && upcase.compareIgnoreCase(a, b) == 0;
    }

    @Override
    public boolean keeps(Dentry d) {
        return protection.matches(d) || isKept(d.name()) || isKept(d.shortName());
    }

    @Override
    public Set<Feature> features() {
        return FEATURES;
    }

    /**
     * Builds the new volume's tree in memory, as the apply does (with the protected items
     * carried over), and asks the writer for the most clusters its data and metadata take. The
     * built tree is kept for the apply of the same tree, so it is built once.
     */
    @Override
    public SpaceEstimate estimate(ImageTree tree, BlobOpener blobs) throws IOException {
        built = build(tree, blobs);
        long cs = geometry.clusterSize();
        return new SpaceEstimate(built.writer().neededClusters() * cs, built.writer().freeClusters() * cs, false);
    }

    /** A tree built into a writer that has written nothing yet. */
    private record Built(ImageTree tree, NtfsWriter writer, NtfsTreeBuilder builder, NtfsCarryOver carry,
            WarningRelay warnings) {
    }

    private Built build(ImageTree tree, BlobOpener blobs) throws IOException {
        NtfsWriter w = NtfsWriter.create(channel, offset, geometry, upcase);
        NtfsCarryOver c = new NtfsCarryOver(old, offset, protectedRoots);
        try {
            c.recreate(w);                              // nothing is written to the volume yet
        } catch (IllegalArgumentException e) {
            throw new CaptureException("the protected items cannot be carried over (" + e.getMessage()
                    + "); nothing was written", e);
        }
        WarningRelay relay = new WarningRelay();
        NtfsTreeBuilder b = new NtfsTreeBuilder(w, tree, blobs, this::keeps, relay,
                new FeatureTally("jwim's NTFS writer", FEATURES));
        b.build();
        return new Built(tree, w, b, c, relay);
    }

    @Override
    public ApplyReport apply(ImageTree tree, BlobOpener blobs, ApplyOptions options) throws IOException {
        this.readPosition = options.readOrderOrTree();
        this.threads = options.threads();
        this.progress = options.progress();
        this.listener = options.warnings();
        return apply(tree, blobs);
    }

    /** Drops a tree built for an estimate; nothing else to release, the old volume was only read. */
    @Override
    public void close() {
        built = null;
    }

    /**
     * Re-formats the volume, carries the protected items over, writes the image and finishes
     * the volume (also after a failure: files whose data did not arrive are left empty).
     *
     * @throws CaptureException naming the file when a blob is corrupt or the volume is full
     */
    private ApplyReport apply(ImageTree tree, BlobOpener blobs) throws IOException {
        List<String> warnings = new ArrayList<>();
        Consumer<String> warn = m -> {
            warnings.add(m);
            listener.accept(m);
        };
        Built p = built != null && built.tree() == tree ? built : build(tree, blobs);
        built = null;
        p.warnings().to(warn);
        NtfsWriter w = p.writer();
        NtfsTreeBuilder b = p.builder();
        long bytes;
        try {
            bytes = new BlobPump<NtfsData>((d, pos, buf, off, n) -> d.write(buf, off, n), NtfsData::size, progress)
                    .run(b.byBlob(), b.firstPath(), readPosition, blobs, threads);
            p.carry().copyData(new byte[BUFFER]);
        } catch (IOException | RuntimeException e) {
            List<String> emptied;
            try {
                emptied = w.finish();
            } catch (IOException | RuntimeException f) {
                e.addSuppressed(f);
                throw e;
            }
            if (e instanceof CaptureException && !emptied.isEmpty()) {
                throw new CaptureException(e.getMessage() + " (" + emptied.size()
                        + " stream(s) not yet written were left empty)", e);
            }
            throw e;
        }
        List<String> emptied = w.finish();
        if (!emptied.isEmpty()) {
            throw new CaptureException(emptied.size() + " stream(s) were not written completely: " + emptied);
        }
        b.summarize();
        return new ApplyReport(b.directories(), b.files(), b.hardLinks(), b.reparsePoints(), bytes, List.of(),
                warnings);
    }

    /** A reparse buffer: tag, data length, reserved, data. */
    static byte[] reparseBuffer(int tag, int reserved, byte[] data) {
        byte[] b = new byte[8 + data.length];
        ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(tag).putShort((short) data.length)
                .putShort((short) reserved).put(data);
        return b;
    }

    static NtfsMeta meta(Inode inode) {
        return new NtfsMeta(inode.attributes(), inode.creationTime(), inode.lastWriteTime(), inode.lastWriteTime(),
                inode.lastAccessTime());
    }
}
