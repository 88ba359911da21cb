package org.jwim.capture.internal;

import java.nio.file.attribute.FileTime;
import java.time.Instant;

/** Conversions between host times and Windows FILETIME (100-ns intervals since 1601-01-01 UTC). */
public final class FileTimes {
    /** Seconds from 1601-01-01 to 1970-01-01. */
    private static final long EPOCH_DIFF_SECONDS = 11_644_473_600L;
    private static final long TICKS_PER_SECOND = 10_000_000L;

    private FileTimes() {
    }

    /** FILETIME of {@code time}; times before 1601 clamp to 0, after year 30828 to Long.MAX_VALUE. */
    public static long toFiletime(FileTime time) {
        Instant i = time.toInstant();
        long seconds = i.getEpochSecond() + EPOCH_DIFF_SECONDS;
        if (seconds < 0) {
            return 0;
        }
        if (seconds > Long.MAX_VALUE / TICKS_PER_SECOND - 1) {
            return Long.MAX_VALUE;
        }
        return seconds * TICKS_PER_SECOND + i.getNano() / 100;
    }

    /** The host time of a FILETIME (read as unsigned). */
    public static FileTime toFileTime(long filetime) {
        long seconds = Long.divideUnsigned(filetime, TICKS_PER_SECOND) - EPOCH_DIFF_SECONDS;
        long ticks = Long.remainderUnsigned(filetime, TICKS_PER_SECOND);
        return FileTime.from(Instant.ofEpochSecond(seconds, ticks * 100));
    }

    /** Seconds since 1970 of a FILETIME, rounded down. */
    public static long toEpochSecond(long filetime) {
        return Long.divideUnsigned(filetime, TICKS_PER_SECOND) - EPOCH_DIFF_SECONDS;
    }
}
