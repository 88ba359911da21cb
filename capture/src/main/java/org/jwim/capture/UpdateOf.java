package org.jwim.capture;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jwim.capture.disk.Volume;
import org.jwim.capture.update.DiskReferences;
import org.jwim.capture.update.ReferenceImage;
import org.jwim.capture.update.UnchangedFiles;
import org.jwim.common.Warning;
import org.jwim.wim.WimFile;
import org.jwim.wim.model.ImageTree;

/**
 * A capture's {@code --update-of}: which earlier image(s) the new ones are compared with, and
 * the results. {@code wim} null means the WIM appended to; {@code image} null (disk captures
 * only) means every image of the WIM, each volume taking the latest one of its serial number and size.
 */
record UpdateOf(Path wim, String image, boolean verify, List<UnchangedFiles.Result> results) {
    UpdateOf(Path wim, String image, boolean verify) {
        this(wim, image, verify, new ArrayList<>());
    }

    /** Opens the reference WIM: {@link #wim()}, or the target when appending. */
    WimFile open(Path target, boolean append) throws IOException {
        if (wim == null && !append) {
            throw new CaptureException("--update-of=" + image + " names an image of the WIM appended to;"
                    + " a new WIM needs --update-of=WIM:IMAGE");
        }
        return WimFile.open(wim == null ? target : wim);
    }

    /** Compares {@code tree} with the image {@link #image()} names in {@code ref}. */
    void reuse(ImageTree tree, WimFile ref, Consumer<Warning> warnings) throws IOException {
        reuse(tree, ReferenceImage.read(ref, ReferenceImage.resolve(ref, image)), warnings);
    }

    /** Pairs the volumes of a disk capture with images of {@code ref} (see {@link DiskReferences}). */
    DiskReferences plan(WimFile ref, FileChannel disk, List<Volume> volumes) throws IOException {
        int first = image == null ? 1 : ReferenceImage.resolve(ref, image);
        int last = image == null ? ref.imageCount() : first;
        return DiskReferences.plan(ref, first, last, disk, volumes);
    }

    /** Compares {@code tree} with {@code r}; null (no earlier image of the volume) counts as nothing taken over. */
    void reuse(ImageTree tree, ReferenceImage r, Consumer<Warning> warnings) throws IOException {
        if (r == null) {
            results.add(new UnchangedFiles.Result(0, 0, 0, 0));
        } else {
            results.add(UnchangedFiles.against(r).verify(verify).warnings(warnings).apply(tree));
        }
    }
}
