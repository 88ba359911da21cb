package org.jwim.capture;

import java.nio.file.Path;
import java.util.List;
import org.jwim.capture.disk.Volume;
import org.jwim.common.Warning;
import org.jwim.wim.model.ImageStats;
import org.jwim.wim.model.ImageTree;

/**
 * What a capture did: the images written; for a disk, each volume in table order with the
 * image it became or why it was skipped; and the warnings met on the way.
 *
 * @param volumes for a disk capture, every volume of the disk; empty otherwise
 * @param images  the images written, in index order
 */
public record CaptureReport(Path wim, List<VolumeResult> volumes, List<ImageResult> images, List<Warning> warnings) {
    public CaptureReport {
        volumes = List.copyOf(volumes);
        images = List.copyOf(images);
        warnings = List.copyOf(warnings);
    }

    /**
     * @param image      1-based image index in the WIM, or 0 if skipped
     * @param skipReason why it was skipped, or null
     */
    public record VolumeResult(Volume volume, int image, String imageName, String skipReason) {
    }

    /**
     * One image written.
     *
     * @param index       1-based index in the WIM
     * @param directories directories, the root included (as the XML counts them)
     * @param files       names of everything else (a directory reparse point counts here)
     * @param bytes       bytes of all streams, once per name
     */
    public record ImageResult(int index, String name, long directories, long files, long bytes) {
        /** The counts of {@code tree} as the XML data records them, taken before it is written. */
        static ImageResult of(int index, String name, ImageTree tree) {
            ImageStats s = tree.stats();
            return new ImageResult(index, name, s.dirCount(), s.fileCount(), s.totalBytes());
        }
    }

    /** Number of images written. */
    public long imageCount() {
        return images.size();
    }
}
