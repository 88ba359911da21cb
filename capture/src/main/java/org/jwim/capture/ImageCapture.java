package org.jwim.capture;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jwim.capture.platform.BlockDevices;
import org.jwim.capture.source.DirectorySource;
import org.jwim.capture.source.VolumeSources;
import org.jwim.capture.update.ReferenceImage;
import org.jwim.capture.update.UnchangedRecords;
import org.jwim.common.Warning;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.WimWriter;
import org.jwim.wim.model.ImageTree;

/**
 * Captures one source as one image: a host directory ({@link Capture#directory}) or a raw NTFS
 * or FAT volume, image file or device, opened read-only ({@link Capture#volume}). The image is
 * named after the source unless {@link #imageInfo} gives a name. Configure, then {@link #run()};
 * not thread-safe.
 */
public final class ImageCapture extends CaptureJob<ImageCapture> {
    private final Path source;
    private final boolean directory;

    ImageCapture(Path source, boolean directory) {
        this.source = java.util.Objects.requireNonNull(source);
        this.directory = directory;
    }

    @Override
    ImageCapture self() {
        return this;
    }

    @Override
    public CaptureReport run() throws IOException {
        target();
        if (!Files.exists(source)) {
            throw new CaptureException(source + ": no such " + (directory ? "directory" : "volume image or device"));
        }
        boolean isDirectory = Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS);
        if (isDirectory != directory) {
            throw new CaptureException(source + (directory ? " is not a directory" : " is a directory, not a volume"));
        }
        ImageInfo given = info();
        String name = given == null || given.name().isEmpty() ? defaultName(source) : given.name();
        ImageInfo info = given == null ? ImageInfo.of(name, "")
                : new ImageInfo(name, given.description(), given.creator(), given.version());
        List<Warning> warnings = new ArrayList<>();
        VolumeSources.Options opts = sources();
        Consumer<Warning> warn = w -> {
            warnings.add(w);
            opts.warnings().accept(w);
        };
        Start start = start(name);
        int index = start.first();
        UpdateOf update = updateOf();
        // a new local WIM is opened before the scan, so that the reference's blobs are copied
        // into it meanwhile (UpdateOf.load); appending copies the WIM itself when opened, and a
        // share's writer logs on beside the scan
        WimWriter ahead = update != null && !append() && target().getFileSystem() == FileSystems.getDefault()
                ? open(start) : null;
        // a raw volume's MFT records are compared with the reference as they are read, so that
        // only the blobs of unchanged files are copied ahead (NTFS; a FAT scan never tells it)
        UnchangedRecords records = ahead != null && !directory && !update.verify() ? new UnchangedRecords() : null;
        // a raw volume's streams are read from its channel while the WIM is written
        try (UpdateOf.Loading loading = update == null ? null : update.load(target(), append(), ahead, records);
                FileChannel volume = directory ? null : FileChannel.open(source, StandardOpenOption.READ)) {
            ImageTree tree;
            if (directory) {
                tree = DirectorySource.of(source).exclude(DirectorySource.outputOf(source, target()))
                        .config(opts.config()).dereference(dereference()).unixData(unixData())
                        .progress(progressListener()).warnings(warn).scan();
            } else {
                long size = BlockDevices.isDevice(source) ? BlockDevices.geometry(source).size() : volume.size();
                VolumeSources.Options o = records == null ? opts : opts.ntfsRecords(records);
                tree = VolumeSources.scanVolume(volume, 0, size, o.warnings(warn));
            }
            if (noAcls()) {
                tree = tree.withoutSecurity();
            }
            CaptureReport.ImageResult image = CaptureReport.ImageResult.of(index, name, tree);
            ReferenceImage ref = loading == null ? null : loading.get();
            if (ref != null) {
                update.reuse(tree, ref, warn);
            }
            try (WimWriter late = ahead == null ? open(start) : null) { // ahead: closed by loading
                WimWriter w = ahead == null ? late : ahead;
                if (ref != null) {
                    w.useBlobsOf(ref.wim(), tree.root());
                    w.useMetadataOf(tree, ref.wim(), ref.index(), ref.metadata());
                }
                w.addImage(tree, info);
                w.commit();
            }
            return new CaptureReport(target(), List.of(), List.of(image), warnings);
        }
    }

    /** The last component of the absolute source path (the path itself for a root). */
    static String defaultName(Path source) {
        Path abs = source.toAbsolutePath().normalize();
        Path fn = abs.getFileName();
        return fn == null ? abs.toString() : fn.toString();
    }
}
