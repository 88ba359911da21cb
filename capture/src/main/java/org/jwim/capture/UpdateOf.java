package org.jwim.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jwim.capture.update.ReferenceImage;
import org.jwim.capture.update.UnchangedFiles;
import org.jwim.common.Warning;
import org.jwim.wim.WimFile;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.VolumeIdentity;

/**
 * A capture's {@code --update-of}: which earlier image(s) the new ones are compared with, and
 * the results. {@code wim} null means the WIM appended to; {@code image} null (disk captures
 * only) means every image of the WIM, each volume taking the last one of its serial number.
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

    /**
     * Compares {@code tree}, scanned from a volume of a disk, with the image of {@code ref} that
     * was captured from the same volume (same serial number); a volume without one is captured whole.
     */
    void reuseForVolume(ImageTree tree, WimFile ref, Consumer<Warning> warnings) throws IOException {
        VolumeIdentity now = VolumeIdentity.of(tree.root().inode());
        int first = image == null ? 1 : ReferenceImage.resolve(ref, image);
        int last = image == null ? ref.imageCount() : first;
        for (int i = last; i >= first && now != null; i--) {
            ReferenceImage r = ReferenceImage.read(ref, i);
            Long serial = r.volumeSerial();
            if (serial != null && serial == now.serialNumber()) {
                reuse(tree, r, warnings);
                return;
            }
        }
        results.add(new UnchangedFiles.Result(0, 0, 0, 0));
    }

    private void reuse(ImageTree tree, ReferenceImage r, Consumer<Warning> warnings) throws IOException {
        results.add(UnchangedFiles.against(r).verify(verify).warnings(warnings).apply(tree));
    }
}
