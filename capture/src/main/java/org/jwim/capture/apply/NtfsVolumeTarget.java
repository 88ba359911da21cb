package org.jwim.capture.apply;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.jwim.capture.ApplyInterruptedException;
import org.jwim.capture.CaptureException;
import org.jwim.common.Warning;
import org.jwim.ntfs.NtfsDirEntry;
import org.jwim.ntfs.NtfsFile;
import org.jwim.ntfs.NtfsFormatException;
import org.jwim.ntfs.NtfsStream;
import org.jwim.ntfs.NtfsVolume;
import org.jwim.ntfs.write.NtfsData;
import org.jwim.ntfs.write.NtfsGeometry;
import org.jwim.ntfs.write.NtfsVolumeFullException;
import org.jwim.ntfs.write.NtfsMeta;
import org.jwim.ntfs.write.NtfsWriter;
import org.jwim.ntfs.write.UpCase;
import org.jwim.wim.CancelledException;
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
 * checks the old volume without writing; {@link #estimate} builds the new volume's tree in memory
 * and says how much room it takes; {@link #apply} writes.
 *
 * <p>The apply is crash-safe when the old volume has the room ({@link #estimate}): all new
 * data and metadata go to clusters the old volume leaves free, and one boot sector write
 * switches to the new volume, so an interruption at any instant leaves either the old volume or
 * the new one. Otherwise it applies in place after a warning, or refuses
 * ({@link ApplyOptions#requireCrashSafe}). Not thread-safe.
 */
public final class NtfsVolumeTarget implements ApplyTarget {
    /** Everything but what the writer does not implement yet. */
    private static final Set<Feature> FEATURES = Set.copyOf(EnumSet.complementOf(EnumSet.of(Feature.ENCRYPTION)));
    private static final int BUFFER = 1 << 20;
    /** Stages of a write, for what a failure leaves to do. */
    private static final int DATA = 0;
    private static final int COPIES = 1;
    private static final int METADATA = 2;

    private final FileChannel channel;
    private final long offset;
    private final NtfsGeometry geometry;
    private final UpCase upcase;
    private final NtfsVolume old;
    private final List<NtfsDirEntry> protectedRoots;
    private final byte[] oldBitmap;
    private final Protection protection;
    private final List<String> kept = new ArrayList<>();
    private final List<String> removed = new ArrayList<>();
    private ToLongFunction<Sha1> readPosition = h -> 0;
    private ProgressListener progress = ProgressListener.NONE;
    private Consumer<Warning> listener = w -> { };
    private int threads = Runtime.getRuntime().availableProcessors();
    private boolean requireCrashSafe;
    private boolean inPlace;
    /** The attempt {@link #estimate} prepared, kept for the apply of the same tree. */
    private Attempt prepared;

    /**
     * One prepared write: the new volume's tree, built in a writer, nothing written yet; the
     * warnings met building it wait in {@code warnings} until the apply says where they go.
     */
    private record Attempt(ImageTree tree, NtfsWriter w, NtfsCarryOver carry, NtfsTreeBuilder b, CrashSafety safety,
            WarningRelay warnings) {
    }

    private NtfsVolumeTarget(FileChannel channel, long offset, NtfsGeometry geometry, UpCase upcase,
            NtfsVolume old, List<NtfsDirEntry> protectedRoots, Protection protection, byte[] oldBitmap) {
        this.channel = channel;
        this.offset = offset;
        this.geometry = geometry;
        this.upcase = upcase;
        this.protection = protection;
        this.old = old;
        this.protectedRoots = protectedRoots;
        this.oldBitmap = oldBitmap;
    }

    /**
     * Reads the NTFS volume at {@code [offset, offset+length)}: geometry, label, $UpCase and the
     * protected root items (checked to be carried over). Nothing is written.
     *
     * @throws NtfsFormatException when the volume cannot be read
     * @throws CaptureException    when a protected item cannot be carried over
     */
    public static NtfsVolumeTarget open(FileChannel channel, long offset, long length, Protection protection,
            Consumer<Warning> warnings) throws IOException {
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
            warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                    "volume at offset " + offset + ": $UpCase unusable (" + e.getMessage() + "), a new table is written"));
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
        NtfsVolumeTarget t = new NtfsVolumeTarget(channel, offset, g, up, old, keep, protection,
                clusterBitmap(old, g, warnings));
        new NtfsCarryOver(old, offset, keep).check();
        t.kept.addAll(keptNames);
        t.removed.addAll(removedNames);
        return t;
    }

    /** The old volume's $Bitmap, or null (with a warning) when it cannot be read. */
    private static byte[] clusterBitmap(NtfsVolume old, NtfsGeometry g, Consumer<Warning> warnings) {
        NtfsFile f = old.file(6);
        NtfsStream s = f == null ? null : f.stream("");
        long need = (g.totalClusters() + 7) / 8;
        if (s != null && s.size() >= need) {
            try (java.io.InputStream in = s.open()) {
                byte[] b = in.readNBytes((int) need);
                if (b.length == need) {
                    return b;
                }
            } catch (IOException e) {
                warnings.accept(Warning.of(Warning.Kind.DAMAGED, "$Bitmap unreadable (" + e.getMessage() + ")"));
            }
        }
        warnings.accept(Warning.of(Warning.Kind.UNSAFE,
                "the old volume's $Bitmap cannot be read: the apply cannot be crash-safe"));
        return null;
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
     * Apply in place even when a crash-safe apply is possible (no warning): the old volume's
     * clusters are reused at once, so a power cut or kill -9 during the apply leaves the volume
     * unusable. A catchable cancellation still leaves it consistent. Default false.
     */
    public NtfsVolumeTarget inPlace(boolean value) {
        this.inPlace = value;
        return this;
    }

    /**
     * Builds the new volume's tree in memory, as the apply does (with the protected items carried
     * over), and asks the writer for the most clusters its data and metadata take and whether the
     * old volume leaves them free (crash-safe). Writes nothing; the built tree is kept for the
     * apply of the same tree, so it is built once.
     */
    @Override
    public SpaceEstimate estimate(ImageTree tree, BlobOpener blobs) throws IOException {
        prepared = prepare(tree, blobs);
        CrashSafety s = prepared.safety();
        return new SpaceEstimate(s.neededBytes(), s.freeAfterWipe(), s);
    }

    @Override
    public ApplyReport apply(ImageTree tree, BlobOpener blobs, ApplyOptions options) throws IOException {
        this.readPosition = options.readOrderOrTree();
        this.threads = options.threads();
        this.progress = options.progress();
        this.listener = options.warnings();
        this.requireCrashSafe = options.requireCrashSafe();
        return apply(tree, blobs);
    }

    /** Drops a tree built for an estimate; nothing else to release, the old volume was only read. */
    @Override
    public void close() {
        prepared = null;
    }

    /** Builds the new volume's tree (carried-over items first) in a fresh writer. */
    private Attempt prepare(ImageTree tree, BlobOpener blobs) throws IOException {
        NtfsWriter w = NtfsWriter.create(channel, offset, geometry, upcase);
        if (oldBitmap != null) {
            w.preserveOldVolume(oldBitmap);
        }
        NtfsCarryOver carry = new NtfsCarryOver(old, offset, protectedRoots);
        try {
            carry.recreate(w);                          // nothing is written to the volume yet
        } catch (IllegalArgumentException e) {
            throw new CaptureException("the protected items cannot be carried over (" + e.getMessage()
                    + "); nothing was written", e);
        }
        WarningRelay warn = new WarningRelay();
        NtfsTreeBuilder b = new NtfsTreeBuilder(w, tree, blobs, this::keeps, warn,
                new FeatureTally("jwim's NTFS writer", FEATURES));
        b.build();
        long cs = geometry.clusterSize();
        CrashSafety safety = new CrashSafety(w.clustersNeeded() * cs,
                oldBitmap == null ? 0 : w.clustersAvailable() * cs, w.clustersUnused() * cs);
        return new Attempt(tree, w, carry, b, safety, warn);
    }

    /**
     * Re-formats the volume, carries the protected items over, writes the image and finishes
     * the volume. Crash-safe mode: a failure or cancellation before the switch leaves the old
     * volume as it was. In place: the volume is also finished after a failure or cancellation
     * (files whose data did not arrive are left empty, the protected items are complete).
     *
     * @throws CaptureException             naming the file when a blob is corrupt or the volume is full
     * @throws ApplyInterruptedException    when cancelled through the progress listener
     */
    private ApplyReport apply(ImageTree tree, BlobOpener blobs) throws IOException {
        List<Warning> warnings = new ArrayList<>();
        Consumer<Warning> warn = m -> {
            warnings.add(m);
            listener.accept(m);
        };
        Attempt a = prepared != null && prepared.tree() == tree ? prepared : prepare(tree, blobs);
        prepared = null;
        a.warnings().to(warn);
        if (progress.cancelled()) {
            throw new ApplyInterruptedException("left as before the apply", true);
        }
        if (inPlace && !requireCrashSafe) {
            a.w().overwriteOldVolume();
        } else if (!a.safety().possible()) {
            if (requireCrashSafe) {
                throw new CaptureException("a crash-safe apply is not possible: " + a.safety().describe()
                        + "; nothing was changed");
            }
            warn.accept(Warning.of(Warning.Kind.UNSAFE,
                    a.safety().describe() + ": applied in place, a power cut or kill -9 during the apply"
                    + " leaves the volume unusable"));
            a.w().overwriteOldVolume();
        }
        try {
            return write(a, blobs, warnings);
        } catch (CaptureException e) {
            if (!a.w().preservesOldVolume() || requireCrashSafe || !full(e)) {
                throw e;
            }
        }
        // the estimate said it fits but it did not: the old volume is intact, apply in place
        warn.accept(Warning.of(Warning.Kind.UNSAFE,
                "the crash-safe apply ran out of free clusters; the old volume was left intact and the image"
                + " is applied in place"));
        Attempt again = prepare(tree, blobs);
        again.w().overwriteOldVolume();
        return write(again, blobs, warnings);
    }

    private static boolean full(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NtfsVolumeFullException) {
                return true;
            }
        }
        return false;
    }

    private ApplyReport write(Attempt a, BlobOpener blobs, List<Warning> warnings) throws IOException {
        NtfsWriter w = a.w();
        NtfsTreeBuilder b = a.b();
        boolean safe = w.preservesOldVolume();
        long bytes;
        int stage = DATA;
        List<String> emptied;
        try {
            bytes = new BlobPump<NtfsData>((d, pos, buf, off, n) -> d.write(buf, off, n), NtfsData::size, progress)
                    .run(b.byBlob(), b.firstPath(), readPosition, blobs, threads);
            stage = COPIES;
            a.carry().copyData(new byte[BUFFER]);
            stage = METADATA;
            emptied = w.prepare();
        } catch (IOException | RuntimeException e) {
            throw safe ? leftAsBefore(e) : finishPartial(a, e, stage);
        }
        if (safe && progress.cancelled()) {
            throw new ApplyInterruptedException("left as before the apply", true);
        }
        w.commit();
        if (!emptied.isEmpty()) {
            throw new CaptureException(emptied.size() + " stream(s) were not written completely: " + emptied);
        }
        b.summarize();
        return new ApplyReport(b.directories(), b.files(), b.hardLinks(), b.reparsePoints(), bytes, List.of(),
                warnings);
    }

    /** A failure before the switch of a crash-safe apply: nothing of the old volume changed. */
    private static IOException leftAsBefore(Exception e) {
        if (e instanceof CancelledException) {
            return new ApplyInterruptedException("left as before the apply", true);
        }
        if (e instanceof IOException) {
            return new CaptureException(e.getMessage() + "; the volume was left as before the apply", e);
        }
        throw (RuntimeException) e;
    }

    /**
     * In place: finishes the volume after a failure in {@code stage} (the protected copies
     * first), so it stays consistent; a failure while finishing is past saving.
     */
    private static IOException finishPartial(Attempt a, Exception e, int stage) {
        List<String> emptied = List.of();
        try {
            if (stage == DATA) {
                a.carry().copyData(new byte[BUFFER]);
            }
            if (stage != METADATA) {
                emptied = a.w().finish();
            }
        } catch (IOException | RuntimeException f) {
            e.addSuppressed(f);
        }
        if (e instanceof CancelledException && stage != METADATA) {
            return new ApplyInterruptedException("holds a partial image", false);
        }
        if (e instanceof CaptureException && !emptied.isEmpty()) {
            return new CaptureException(e.getMessage() + " (" + emptied.size()
                    + " stream(s) not yet written were left empty)", e);
        }
        if (e instanceof IOException io) {
            return io;
        }
        throw (RuntimeException) e;
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
