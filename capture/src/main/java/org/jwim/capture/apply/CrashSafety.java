package org.jwim.capture.apply;

/**
 * Whether a raw NTFS apply can be crash-safe: the new volume (data and metadata, estimated
 * generously) must fit in the clusters the old volume leaves free, since nothing of the old
 * volume is overwritten before the one-sector switch. Immutable.
 *
 * @param neededBytes    bytes the new image's data and metadata take at most
 * @param freeBytes      bytes free on the old volume (what a crash-safe apply may use)
 * @param freeAfterWipe  bytes free once the old content (bar the protected items) is gone
 */
public record CrashSafety(long neededBytes, long freeBytes, long freeAfterWipe) {
    /** True when the apply can keep the old volume intact until the switch. */
    public boolean possible() {
        return neededBytes <= freeBytes;
    }

    /** "crash-safe" or "not crash-safe (needs N MB, the old volume has M MB free)". */
    public String describe() {
        return possible() ? "crash-safe" : String.format(java.util.Locale.ROOT,
                "not crash-safe (needs %.1f MB, the old volume has %.1f MB free; applied in place)",
                neededBytes / 1e6, freeBytes / 1e6);
    }
}
