package org.jwim.capture;

import java.nio.file.Path;
import java.util.List;
import org.jwim.wim.ImageSummary;
import org.jwim.wim.WimFile;

/**
 * Entry point for applies an embedding tool runs (ConfigMgr's "Apply Operating System Image"):
 * <pre>{@code
 * Apply.wim(Path.of("reference.wim")).image(1).toDirectory(Path.of("restore")).run();
 * Apply.wim(Path.of("reference.wim")).toDisk(Path.of("/dev/sda")).protect("_SMSTaskSequence").run();
 * }</pre>
 * Data is read in the WIM's physical order (fast also for solid WIMs).
 */
public final class Apply {
    private Apply() {
    }

    /** An apply of the images of the WIM at {@code wim}, opened (and closed) by {@code run()}. */
    public static DiskApply wim(Path wim) {
        return new DiskApply(null, java.util.Objects.requireNonNull(wim));
    }

    /** An apply of {@code wim}'s images; the WIM stays the caller's. */
    public static DiskApply wim(WimFile wim) {
        return new DiskApply(java.util.Objects.requireNonNull(wim), null);
    }

    /**
     * The 1-based index of the image {@code spec} names: an index, an image name, or (null) the
     * WIM's only image.
     *
     * @throws CaptureException if there is no such image, or no spec and several images
     */
    public static int imageIndex(WimFile wim, String spec) throws CaptureException {
        List<ImageSummary> images = wim.images();
        if (spec == null) {
            if (images.size() == 1) {
                return 1;
            }
            throw new CaptureException(wim.path() + " contains " + images.size()
                    + " images; specify one (index or name)");
        }
        if (spec.matches("[0-9]{1,9}")) {
            int i = Integer.parseInt(spec);
            if (i < 1 || i > images.size()) {
                throw new CaptureException(wim.path() + " has no image " + i + " (it has " + images.size() + ")");
            }
            return i;
        }
        for (ImageSummary s : images) {
            if (s.info().name().equals(spec)) {
                return s.index();
            }
        }
        throw new CaptureException(wim.path() + " has no image named \"" + spec + "\"");
    }
}
