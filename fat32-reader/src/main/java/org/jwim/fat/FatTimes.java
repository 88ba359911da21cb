package org.jwim.fat;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.jwim.common.Filetime;

/**
 * FAT date/time fields. FAT stores local time without a zone: decoding gives a
 * {@link LocalDateTime}, and the caller picks the zone when converting to an instant.
 * Stateless, thread-safe.
 */
public final class FatTimes {
    private FatTimes() {
    }

    /**
     * Decodes packed fields.
     *
     * @param date   bits 15-9 year since 1980, 8-5 month, 4-0 day
     * @param time   bits 15-11 hour, 10-5 minute, 4-0 seconds/2
     * @param tenths extra time in units of 10 ms, 0..199 (pass 0 when the field does not exist)
     * @return the local date-time, or null when the date is 0 (not recorded) or any field is
     *         out of range
     */
    public static LocalDateTime decode(int date, int time, int tenths) {
        if (date == 0) {
            return null;
        }
        int year = 1980 + (date >>> 9 & 0x7F);
        int month = date >>> 5 & 0x0F;
        int day = date & 0x1F;
        int hour = time >>> 11 & 0x1F;
        int minute = time >>> 5 & 0x3F;
        int second = (time & 0x1F) * 2;
        if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59
                || tenths < 0 || tenths > 199) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second)
                    .plusNanos(tenths * 10_000_000L);
        } catch (DateTimeException e) {
            return null; // e.g. February 30
        }
    }

    /**
     * Converts a decoded FAT time to a Windows FILETIME (100-ns intervals since 1601-01-01 UTC)
     * interpreting it in {@code zone}.
     */
    public static long toFileTime(LocalDateTime local, ZoneId zone) {
        return Filetime.fromInstant(local.atZone(zone).toInstant());
    }
}
