package org.jwim.capture;

import java.nio.file.Path;
import java.util.List;
import org.jwim.capture.disk.Volume;

/**
 * What a disk capture did: for each volume in table order, the image it became or why it was
 * skipped; and the warnings met on the way.
 */
public record CaptureReport(Path wim, List<VolumeResult> volumes, List<String> warnings) {
    public CaptureReport {
        volumes = List.copyOf(volumes);
        warnings = List.copyOf(warnings);
    }

    /**
     * @param image      1-based image index in the WIM, or 0 if skipped
     * @param skipReason why it was skipped, or null
     */
    public record VolumeResult(Volume volume, int image, String imageName, String skipReason) {
    }

    /** Number of images written. */
    public long imageCount() {
        return volumes.stream().filter(v -> v.image() > 0).count();
    }
}
