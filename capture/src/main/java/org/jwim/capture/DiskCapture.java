package org.jwim.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jwim.capture.disk.Disk;
import org.jwim.capture.disk.Volume;
import org.jwim.capture.source.VolumeSources;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.ProgressListener;
import org.jwim.wim.WimWriter;
import org.jwim.wim.WriteOptions;
import org.jwim.wim.model.ImageTree;

/**
 * Captures every fixed NTFS and FAT32 volume of a disk into one WIM, one image per volume in
 * partition order, all images sharing one blob table (a blob on several volumes is stored
 * once). Volumes on USB or removable media and other file systems are skipped and reported. The
 * destination is replaced atomically when the whole WIM is written. Configure, then
 * {@link #run()}; not thread-safe.
 */
public final class DiskCapture {
    private final Disk disk;
    private Path target;
    private WriteOptions write = WriteOptions.defaults();
    private ImageInfo info = ImageInfo.of("", "");
    private VolumeSources.Options sources = VolumeSources.Options.defaults();

    DiskCapture(Disk disk) {
        this.disk = Objects.requireNonNull(disk);
    }

    public DiskCapture to(Path wim) {
        this.target = wim;
        return this;
    }

    public DiskCapture compression(CompressionType value) {
        write = write.compression(value);
        return this;
    }

    public DiskCapture chunkSize(int value) {
        write = write.chunkSize(value);
        return this;
    }

    public DiskCapture threads(int value) {
        write = write.threads(value);
        return this;
    }

    public DiskCapture integrity(boolean value) {
        write = write.integrity(value);
        return this;
    }

    /**
     * Name, description, creator and version for the images (ConfigMgr's OSDImageDescription,
     * OSDImageCreator, OSDImageVersion). With several volumes each name gets " (volume N)".
     */
    public DiskCapture imageInfo(ImageInfo value) {
        this.info = Objects.requireNonNull(value);
        return this;
    }

    public DiskCapture progress(ProgressListener value) {
        write = write.progress(value);
        return this;
    }

    /** Exclusions, dirty-volume policy, FAT time zone, warnings. */
    public DiskCapture sources(VolumeSources.Options value) {
        this.sources = Objects.requireNonNull(value);
        return this;
    }

    public CaptureReport run() throws IOException {
        if (target == null) {
            throw new IllegalStateException("no destination WIM: call to(path) first");
        }
        List<Volume> kept = disk.volumes().stream().filter(Volume::captured).toList();
        if (kept.isEmpty()) {
            throw new CaptureException(disk.path() + " has no NTFS or FAT32 volume on fixed media"
                    + " to capture");
        }
        List<String> warnings = new ArrayList<>(disk.warnings());
        VolumeSources.Options opts = sources.warnings(w -> {
            warnings.add(w);
            sources.warnings().accept(w);
        });
        List<CaptureReport.VolumeResult> results = new ArrayList<>();
        try (WimWriter w = WimWriter.create(target, write)) {
            int image = 0;
            for (Volume v : disk.volumes()) {
                if (!v.captured()) {
                    results.add(new CaptureReport.VolumeResult(v, 0, null, v.skipReason()));
                    continue;
                }
                ImageTree tree = VolumeSources.scanVolume(disk.channel(), v.offset(), v.length(), opts);
                String name = imageName(v, kept.size());
                w.addImage(tree, new ImageInfo(name, info.description(), info.creator(), info.version()));
                results.add(new CaptureReport.VolumeResult(v, ++image, name, null));
            }
            w.commit();
        }
        return new CaptureReport(target, results, warnings);
    }

    private String imageName(Volume v, int count) {
        String base = info.name();
        if (base.isEmpty()) {
            return "Volume " + v.index() + " (" + v.fileSystem().label() + ")";
        }
        return count == 1 ? base : base + " (volume " + v.index() + ")";
    }
}
