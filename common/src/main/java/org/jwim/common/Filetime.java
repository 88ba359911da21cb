package org.jwim.common;

import java.time.Instant;

/**
 * The Windows FILETIME that WIM, NTFS and FAT (through their Windows drivers) use for times:
 * 100-ns intervals since 1601-01-01 00:00 UTC, held in a {@code long} read as unsigned. The
 * conversions keep the full 100-ns precision.
 */
public final class Filetime {
    /** 100-ns intervals per second. */
    public static final long TICKS_PER_SECOND = 10_000_000L;
    /** Seconds from 1601-01-01 (the FILETIME epoch) to 1970-01-01 (the Java epoch). */
    public static final long EPOCH_DIFF_SECONDS = 11_644_473_600L;

    private Filetime() {
    }

    /** The instant of {@code filetime}, read as unsigned (0 is 1601-01-01). */
    public static Instant toInstant(long filetime) {
        long seconds = Long.divideUnsigned(filetime, TICKS_PER_SECOND) - EPOCH_DIFF_SECONDS;
        long ticks = Long.remainderUnsigned(filetime, TICKS_PER_SECOND);
        return Instant.ofEpochSecond(seconds, ticks * 100);
    }

    /** Seconds since 1970-01-01 of {@code filetime} (read as unsigned), rounded down. */
    public static long toEpochSecond(long filetime) {
        return Long.divideUnsigned(filetime, TICKS_PER_SECOND) - EPOCH_DIFF_SECONDS;
    }

    /**
     * The FILETIME of {@code time}, sub-100-ns digits dropped; times before 1601 clamp to 0,
     * times after the year 30828 to {@link Long#MAX_VALUE} (the largest FILETIME Windows
     * accepts).
     */
    public static long fromInstant(Instant time) {
        long seconds = time.getEpochSecond();
        if (seconds < -EPOCH_DIFF_SECONDS) {
            return 0;
        }
        long since1601 = seconds + EPOCH_DIFF_SECONDS;
        if (since1601 > Long.MAX_VALUE / TICKS_PER_SECOND - 1) {
            return Long.MAX_VALUE;
        }
        return since1601 * TICKS_PER_SECOND + time.getNano() / 100;
    }
}
