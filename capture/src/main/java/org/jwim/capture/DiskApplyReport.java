package org.jwim.capture;

import java.util.List;
import org.jwim.capture.apply.ApplyReport;
import org.jwim.capture.apply.SpaceEstimate;
import org.jwim.common.Warning;

/**
 * What an apply did (or, for a dry run, would do) per image.
 *
 * @param volumes  one entry per applied image, in image order
 * @param warnings everything that could not be applied as stored
 * @param dryRun   true when nothing was written
 */
public record DiskApplyReport(List<VolumeResult> volumes, List<Warning> warnings, boolean dryRun) {
    public DiskApplyReport {
        volumes = List.copyOf(volumes);
        warnings = List.copyOf(warnings);
    }

    /** True when every image fits its target (always true for a run that wrote). */
    public boolean fits() {
        return volumes.stream().allMatch(v -> v.space().fits());
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
     * @param space      room the image needs there against what the wipe leaves, and for a raw
     *                   NTFS volume whether the apply can be crash-safe
     * @param restored   what was written; null for a dry run
     */
    public record VolumeResult(int image, String target, List<String> kept, List<String> wiped,
            List<String> skipped, long imageFiles, long imageDirs, long imageBytes, SpaceEstimate space,
            ApplyReport restored) {
        public VolumeResult {
            kept = List.copyOf(kept);
            wiped = List.copyOf(wiped);
            skipped = List.copyOf(skipped);
        }
    }
}
