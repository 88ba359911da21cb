package org.jwim.capture.apply;

import java.util.Locale;

/**
 * Room an image needs on a target against the room the target has once wiped, worked out before
 * anything is written. {@code needed} is never lower than what the apply then takes (data at the
 * target's allocation unit plus the file system's own records), so an apply that fits is not
 * stopped by a full volume.
 *
 * @param needed        bytes the apply takes at most
 * @param freeAfterWipe bytes free once the wipe is done (protected items still count as used)
 * @param crashSafety   for a target with a crash-safe commit (raw NTFS), whether this apply can
 *                      use it; null for the others, which are written in place
 */
public record SpaceEstimate(long needed, long freeAfterWipe, CrashSafety crashSafety) {
    /** {@link #freeAfterWipe} of a file system that does not say how much room it has: never refused. */
    public static final long UNKNOWN = Long.MAX_VALUE;

    /** True when the commit keeps the old content until the new one is complete. */
    public boolean crashSafe() {
        return crashSafety != null && crashSafety.possible();
    }

    /** "crash-safe (...)" or "not crash-safe (...)": what an interruption of the apply leaves. */
    public String commit() {
        return crashSafety != null ? crashSafety.describe() : "not crash-safe (written in place)";
    }

    /** True when the image fits. */
    public boolean fits() {
        return needed <= freeAfterWipe;
    }

    /** "image 1 needs 105.2 MiB, volume 3 (NTFS) has 24.0 MiB free after the wipe". */
    public String shortfall(int image, String target) {
        return "image " + image + " needs " + size(needed) + ", " + target + " has " + size(freeAfterWipe)
                + " free after the wipe";
    }

    /** Bytes in binary units with one decimal ("105.2 MiB"). */
    public static String size(long bytes) {
        if (bytes == UNKNOWN) {
            return "an unknown amount";
        }
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        double v = bytes;
        int u = 0;
        while (v >= 1023.95 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
