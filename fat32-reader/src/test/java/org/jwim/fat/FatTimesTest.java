package org.jwim.fat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FatTimesTest {
    private static int date(int y, int m, int d) {
        return (y - 1980) << 9 | m << 5 | d;
    }

    private static int time(int h, int m, int s) {
        return h << 11 | m << 5 | s / 2;
    }

    @Test
    void decodesWithTenMillisecondPrecision() {
        assertEquals(LocalDateTime.of(2025, 1, 22, 13, 36, 11, 230_000_000),
                FatTimes.decode(date(2025, 1, 22), time(13, 36, 10), 123));
        assertEquals(LocalDateTime.of(1980, 1, 1, 0, 0), FatTimes.decode(0x21, 0, 0));
        assertEquals(LocalDateTime.of(2107, 12, 31, 23, 59, 58), FatTimes.decode(date(2107, 12, 31), time(23, 59, 58), 0));
    }

    @Test
    void unsetAndInvalidGiveNull() {
        assertNull(FatTimes.decode(0, 0, 0));
        assertNull(FatTimes.decode(date(2020, 13, 1), 0, 0));
        assertNull(FatTimes.decode(date(2020, 0, 1), 0, 0));
        assertNull(FatTimes.decode(date(2020, 1, 0), 0, 0));
        assertNull(FatTimes.decode(date(2021, 2, 30), 0, 0));
        assertNull(FatTimes.decode(date(2020, 1, 1), 24 << 11, 0));
        assertNull(FatTimes.decode(date(2020, 1, 1), 60 << 5, 0));
        assertNull(FatTimes.decode(date(2020, 1, 1), 30, 0));
        assertNull(FatTimes.decode(date(2020, 1, 1), 0, 200));
    }

    @Test
    void fileTimeUsesTheGivenZone() {
        LocalDateTime t = LocalDateTime.of(1970, 1, 1, 0, 0);
        assertEquals(116_444_736_000_000_000L, FatTimes.toFileTime(t, ZoneOffset.UTC));
        assertEquals(116_444_736_000_000_000L - 3_600L * 10_000_000,
                FatTimes.toFileTime(t, ZoneId.of("Europe/Berlin")));
        assertEquals(116_444_736_000_000_000L + 1_230_000,
                FatTimes.toFileTime(t.plusNanos(123_000_000), ZoneOffset.UTC));
    }
}
