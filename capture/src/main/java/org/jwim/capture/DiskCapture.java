package org.jwim.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jwim.capture.disk.Disk;
import org.jwim.capture.disk.MediaProbe;
import org.jwim.capture.disk.Volume;
import org.jwim.capture.source.VolumeSources;
import org.jwim.capture.update.DiskReferences;
import org.jwim.capture.update.ReferenceImage;
import org.jwim.common.Futures;
import org.jwim.common.Warning;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.WimFile;
import org.jwim.wim.WimWriter;
import org.jwim.wim.model.ImageTree;

/**
 * Captures every fixed NTFS and FAT32 volume of a disk into one WIM, one image per volume in
 * partition order, all images sharing one blob table (a blob on several volumes is stored
 * once). Volumes on USB or removable media and other file systems are skipped and reported. The
 * destination is replaced atomically when the whole WIM is written. Volumes may be read
 * concurrently ({@link #volumesAtOnce}); the images, their order and metadata and the set of
 * blobs stay those of capturing them one by one. Configure, then {@link #run()}; not
 * thread-safe.
 */
public final class DiskCapture extends CaptureJob<DiskCapture> {
    private final Disk disk;
    private final Path diskPath;
    private int volumesAtOnce;

    DiskCapture(Disk disk, Path diskPath) {
        this.disk = disk;
        this.diskPath = diskPath;
    }

    @Override
    DiskCapture self() {
        return this;
    }

    /**
     * How many volumes to read at once, each by a reader of its own into one pipeline of
     * compressor threads; 1 captures them one by one. 0 (default) decides: several only when
     * the compressor threads outnumber the cores one volume keeps busy (uncompressed about 4,
     * XPRESS about 35) and sysfs says the disk does not rotate, as alternating reads of two
     * partitions of a spinning disk would seek. Image files count as the disk they are on.
     */
    public DiskCapture volumesAtOnce(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("volumes at once must be 0 (decide) or more, not " + value);
        }
        this.volumesAtOnce = value;
        return this;
    }

    @Override
    public CaptureReport run() throws IOException {
        target();
        if (disk != null) {
            return run(disk);
        }
        try (Disk d = Disk.open(diskPath, Disk.Options.defaults().warnings(sources().warnings()))) {
            return run(d);
        }
    }

    private CaptureReport run(Disk d) throws IOException {
        List<Volume> kept = d.volumes().stream().filter(Volume::captured).toList();
        if (kept.isEmpty()) {
            throw new CaptureException(d.path() + " has no NTFS or FAT32 volume on fixed media to capture");
        }
        ImageInfo info = Objects.requireNonNullElse(info(), ImageInfo.of("", ""));
        List<String> names = new ArrayList<>();
        for (Volume v : kept) {
            names.add(imageName(info.name(), v, kept.size()));
        }
        Start start = start(names.toArray(new String[0]));
        int first = start.first();
        List<Warning> warnings = new ArrayList<>(d.warnings());
        VolumeSources.Options opts = sources().warnings(w -> {
            warnings.add(w);
            sources().warnings().accept(w);
        });
        List<CaptureReport.VolumeResult> volumes = new ArrayList<>();
        List<CaptureReport.ImageResult> images = new ArrayList<>();
        UpdateOf update = updateOf();
        try (WimFile ref = update == null ? null : update.open(target(), append());
                UpdateOf.Planning planning = ref == null ? null : update.plan(ref, d.channel(), kept);
                WimWriter w = open(start)) {
            DiskReferences refs = null; // read while the first volumes are scanned
            int lanes = VolumeOverlap.lanes(volumesAtOnce, threads(), w.compression(), kept.size(),
                    volumesAtOnce == 0 && MediaProbe.system().solidState(d.path()));
            int image = first;
            for (Volume v : d.volumes()) {
                if (v.captured()) {
                    volumes.add(new CaptureReport.VolumeResult(v, image, names.get(image - first), null));
                    image++;
                } else {
                    volumes.add(new CaptureReport.VolumeResult(v, 0, null, v.skipReason()));
                }
            }
            for (int g = 0; g < kept.size(); g += lanes) {
                List<Volume> group = kept.subList(g, Math.min(kept.size(), g + lanes));
                List<ImageTree> trees = scan(d, group, opts);
                if (planning != null && refs == null) {
                    refs = planning.get();
                }
                List<ImageInfo> infos = new ArrayList<>();
                for (ImageTree tree : trees) {
                    int n = images.size();
                    if (ref != null) {
                        ReferenceImage r = refs.take(n);
                        update.reuse(tree, r, opts.warnings());
                        w.useBlobsOf(ref, tree.root());
                        if (r != null) {
                            w.useMetadataOf(tree, ref, r.index(), r.metadata());
                        }
                    }
                    images.add(CaptureReport.ImageResult.of(first + n, names.get(n), tree));
                    infos.add(new ImageInfo(names.get(n), info.description(), info.creator(), info.version()));
                }
                w.addImages(trees, infos);
            }
            w.commit();
        }
        return new CaptureReport(target(), volumes, images, warnings);
    }

    /**
     * Scans the volumes of a group, each on a thread of its own when there are several (they
     * are read at once anyway, and one caller scanning them in turn would be the serial part).
     * Each volume's warnings are passed on in volume order, so the report does not depend on
     * which scan finished first.
     */
    private static List<ImageTree> scan(Disk d, List<Volume> group, VolumeSources.Options opts)
            throws IOException {
        if (group.size() == 1) {
            Volume v = group.get(0);
            return List.of(VolumeSources.scanVolume(d.channel(), v.offset(), v.length(), opts));
        }
        List<List<Warning>> held = new ArrayList<>();
        List<Future<ImageTree>> scans = new ArrayList<>();
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(group.size(), r -> {
            Thread t = new Thread(r, "jwim-scan-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            for (Volume v : group) {
                List<Warning> mine = new ArrayList<>();
                held.add(mine);
                VolumeSources.Options own = opts.warnings(mine::add);
                scans.add(pool.submit(() -> VolumeSources.scanVolume(d.channel(), v.offset(), v.length(), own)));
            }
            List<ImageTree> trees = new ArrayList<>();
            for (int i = 0; i < group.size(); i++) {
                trees.add(Futures.await(scans.get(i), "scanning volume " + group.get(i).index()));
                held.get(i).forEach(opts.warnings());
            }
            return trees;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String imageName(String base, Volume v, int count) {
        if (base.isEmpty()) {
            return "Volume " + v.index() + " (" + v.fileSystem().label() + ")";
        }
        return count == 1 ? base : base + " (volume " + v.index() + ")";
    }
}
