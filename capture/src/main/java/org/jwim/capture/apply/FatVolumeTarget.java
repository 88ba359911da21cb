package org.jwim.capture.apply;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jwim.capture.CaptureException;
import org.jwim.capture.internal.FileTimes;
import org.jwim.common.Warning;
import org.jwim.fat.FatType;
import org.jwim.fat.write.EntryMeta;
import org.jwim.fat.write.FatDirectory;
import org.jwim.fat.write.FatFile;
import org.jwim.fat.write.FatWriter;
import org.jwim.fat.write.WipeResult;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.StreamRef;

/**
 * Applies an image to a raw FAT volume through a {@link FatWriter} (opened by {@link #open}, so
 * its wipe is planned and nothing is written yet): directories and files first (clusters
 * allocated, entries built), then the data, each blob read once in container order and written
 * to every file that holds it. The image's 8.3 names are kept where valid and free (else
 * generated, as Windows would). Root entries that would land on a protected item (long or short
 * name, any case) are skipped and reported. FAT has no links, named streams or security:
 * reparse points are skipped, extra hard links become copies, and the rest is reported in one
 * warning each. Times are written as local times of the configured zone (UTC by default, as
 * capture reads them). Not thread-safe.
 */
public final class FatVolumeTarget implements ApplyTarget {
    private static final Set<Feature> FEATURES = Set.of(Feature.SHORT_NAMES);
    /** Bytes of one directory entry; a long name takes one more entry per 13 characters. */
    private static final int ENTRY = 32;

    private final FatWriter writer;
    private final Protection protection;

    private FatVolumeTarget(FatWriter writer, Protection protection) {
        this.writer = writer;
        this.protection = protection;
    }

    /**
     * Opens the FAT volume at {@code [offset, offset+length)} of {@code channel} and plans the
     * wipe (everything but the protected root items goes); nothing is written until
     * {@link #apply}.
     *
     * @throws org.jwim.fat.FatFormatException when the boot sector or FAT is unusable
     */
    public static FatVolumeTarget open(FileChannel channel, long offset, long length, Protection protection)
            throws IOException {
        return new FatVolumeTarget(FatWriter.open(channel, offset, length, protection.names()), protection);
    }

    @Override
    public List<String> kept() {
        return writer.wipeResult().kept();
    }

    @Override
    public List<String> removed() {
        return writer.wipeResult().removed();
    }

    @Override
    public boolean keeps(Dentry d) {
        return protection.matches(d) || writer.root().contains(d.name());
    }

    @Override
    public Set<Feature> features() {
        return FEATURES;
    }

    /**
     * Clusters of every file (hard links are copies) and of every directory, counting each name
     * with its long-name entries; the fixed root of FAT12/16 takes no clusters.
     */
    @Override
    public SpaceEstimate estimate(ImageTree tree, BlobOpener blobs) {
        long cs = writer.clusterSize();
        long clusters = 0;
        long rootEntries = 0;
        Deque<Dentry> stack = new ArrayDeque<>();
        for (Dentry d : tree.root().children()) {
            if (!keeps(d)) {
                rootEntries += entries(d);
                stack.push(d);
            }
        }
        if (writer.type() == FatType.FAT32) {
            clusters += clustersFor(rootEntries * ENTRY, cs);
        }
        while (!stack.isEmpty()) {
            Dentry d = stack.pop();
            Inode inode = d.inode();
            if (inode.isReparsePoint()) {
                continue;
            }
            if (inode.isDirectory()) {
                long entries = 2;                                   // "." and ".."
                for (Dentry c : d.children()) {
                    entries += entries(c);
                    stack.push(c);
                }
                clusters += clustersFor(entries * ENTRY, cs);
            } else if (inode.unnamedData() != null) {
                clusters += clustersFor(inode.unnamedData().size(), cs);
            }
        }
        WipeResult wipe = writer.wipeResult();
        return new SpaceEstimate(clusters * cs, wipe.freeClusters() * cs, null);
    }

    /** Directory entries a name takes at most: the short entry and a long name. */
    private static long entries(Dentry d) {
        return 1 + (d.name().length() + 12) / 13;
    }

    private static long clustersFor(long bytes, long cs) {
        return Math.max(1, (bytes + cs - 1) / cs);
    }

    /**
     * Creates the image's tree under the volume root, writes its data and finishes the volume,
     * also after a failure, so it stays consistent.
     *
     * @throws CaptureException naming the file when a blob is corrupt or the volume is full
     */
    @Override
    public ApplyReport apply(ImageTree tree, BlobOpener blobs, ApplyOptions options) throws IOException {
        try {
            return write(tree, blobs, options);
        } finally {
            writer.finish();
        }
    }

    /** Releases the volume; writes nothing when it was not applied. */
    @Override
    public void close() throws IOException {
        writer.close();
    }

    private ApplyReport write(ImageTree tree, BlobOpener blobs, ApplyOptions options) throws IOException {
        List<Warning> warnings = new ArrayList<>();
        Consumer<Warning> warn = m -> {
            warnings.add(m);
            options.warnings().accept(m);
        };
        FeatureTally tally = new FeatureTally("FAT", FEATURES);
        ZoneId zone = options.fatTimeZone();
        Map<Sha1, List<FatFile>> byBlob = new LinkedHashMap<>();
        Map<Sha1, String> firstPath = new LinkedHashMap<>();
        long dirs = 0;
        long files = 0;
        long copies = 0;
        record Work(Dentry dentry, FatDirectory parent) {
        }
        Deque<Work> stack = new ArrayDeque<>();
        List<Dentry> top = tree.root().children();
        for (int i = top.size() - 1; i >= 0; i--) {
            Dentry d = top.get(i);
            if (keeps(d)) {
                warn.accept(Protection.skipWarning(d));
                continue;
            }
            stack.push(new Work(d, writer.root()));
        }
        while (!stack.isEmpty()) {
            Work w = stack.pop();
            Dentry d = w.dentry();
            Inode inode = d.inode();
            if (inode.dentries().isEmpty() || inode.dentries().get(0) == d) {
                tally.inode(inode);
            }
            try {
                if (inode.isReparsePoint()) {
                    tally.drop(Feature.REPARSE_POINTS);
                    warn.accept(new Warning(d.path(), Warning.Kind.UNSUPPORTED,
                            "reparse point (link) cannot be stored on FAT, skipped"));
                } else if (inode.isDirectory()) {
                    FatDirectory sub = writer.mkdir(w.parent(), d.name(), d.shortName(), meta(inode, zone));
                    dirs++;
                    List<Dentry> ch = d.children();
                    for (int i = ch.size() - 1; i >= 0; i--) {
                        stack.push(new Work(ch.get(i), sub));
                    }
                } else {
                    StreamRef data = inode.unnamedData();
                    long size = data == null ? 0 : data.size();
                    FatFile f = writer.createFile(w.parent(), d.name(), d.shortName(), size, meta(inode, zone));
                    if (inode.dentries().size() > 1 && inode.dentries().get(0) != d) {
                        copies++;
                        tally.drop(Feature.HARD_LINKS);
                    } else {
                        files++;
                    }
                    if (size > 0) {
                        byBlob.computeIfAbsent(data.hash(), h -> new ArrayList<>()).add(f);
                        firstPath.putIfAbsent(data.hash(), d.path());
                    }
                }
            } catch (IllegalArgumentException e) {
                warn.accept(new Warning(d.path(), Warning.Kind.SKIPPED,
                        "cannot be stored on FAT (" + e.getMessage() + "), skipped"));
            } catch (org.jwim.fat.write.FatVolumeFullException e) {
                throw new CaptureException(e.getMessage(), e);
            }
        }
        long bytes;
        try {
            bytes = new BlobPump<FatFile>((f, pos, b, off, n) -> f.write(pos, b, off, n), FatFile::size,
                    options.progress())
                    .run(byBlob, firstPath, options.readOrderOrTree(), blobs, options.threads());
        } catch (IOException | RuntimeException e) {
            // files whose data did not arrive would show stale bytes of wiped files: empty them
            long emptied = 0;
            for (List<FatFile> group : byBlob.values()) {
                for (FatFile f : group) {
                    if (!f.isComplete()) {
                        f.discard();
                        emptied++;
                    }
                }
            }
            if (emptied > 0 && e instanceof CaptureException) {
                throw new CaptureException(e.getMessage() + " (" + emptied
                        + " file(s) not yet written were left empty)", e);
            }
            throw e;
        }
        tally.report(warn);
        return new ApplyReport(dirs, files, copies, 0, bytes, List.of(), warnings);
    }

    private static EntryMeta meta(Inode inode, ZoneId zone) {
        return new EntryMeta(inode.attributes() & EntryMeta.FAT_ATTRIBUTES, local(inode.creationTime(), zone),
                local(inode.lastWriteTime(), zone), local(inode.lastAccessTime(), zone));
    }

    private static LocalDateTime local(long filetime, ZoneId zone) {
        return filetime <= 0 ? null : LocalDateTime.ofInstant(FileTimes.toFileTime(filetime).toInstant(), zone);
    }
}
