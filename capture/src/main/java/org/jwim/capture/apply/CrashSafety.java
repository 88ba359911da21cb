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

    /**
     * "crash-safe (needs N MB, the old volume leaves M MB free)" or "not crash-safe (needs N
     * MB, the old volume leaves M MB free; in place: F MB free after the wipe)".
     */
    public String describe() {
        String needs = String.format(java.util.Locale.ROOT, "needs %.1f MB, the old volume leaves %.1f MB free",
                neededBytes / 1e6, freeBytes / 1e6);
        return possible() ? "crash-safe (" + needs + ")" : String.format(java.util.Locale.ROOT,
                "not crash-safe (%s; in place: %.1f MB free after the wipe)", needs, freeAfterWipe / 1e6);
    }
}
