package org.jwim.capture;

import java.util.List;
import org.jwim.capture.apply.ApplyReport;
import org.jwim.capture.apply.CrashSafety;

/**
 * What an apply did (or, for a dry run, would do) per image.
 *
 * @param volumes  one entry per applied image, in image order
 * @param warnings everything that could not be applied as stored
 * @param dryRun   true when nothing was written
 */
public record DiskApplyReport(List<VolumeResult> volumes, List<String> warnings, boolean dryRun) {
    public DiskApplyReport {
        volumes = List.copyOf(volumes);
        warnings = List.copyOf(warnings);
    }

    /**
     * One image and the volume it went to.
     *
     * @param image      1-based image index
     * @param target     the volume ("volume 1 (FAT32)") or directory
     * @param kept       root entries kept by the wipe (protected)
     * @param wiped      root entries the wipe removed
     * @param skipped    image entries not written because they would overwrite a protected item
     * @param imageFiles files (non-directories) in the image
     * @param imageDirs  directories in the image (root not counted)
     * @param imageBytes bytes of unnamed data streams in the image
     * @param restored   what was written; null for a dry run
     * @param crashSafety for a raw NTFS volume in a dry run, whether the apply can be crash-safe;
     *                    else null
     */
    public record VolumeResult(int image, String target, List<String> kept, List<String> wiped,
            List<String> skipped, long imageFiles, long imageDirs, long imageBytes, ApplyReport restored,
            CrashSafety crashSafety) {
        public VolumeResult {
            kept = List.copyOf(kept);
            wiped = List.copyOf(wiped);
            skipped = List.copyOf(skipped);
        }
    }
}
