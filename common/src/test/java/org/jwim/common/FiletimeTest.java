package org.jwim.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FiletimeTest {
    @Test
    void theEpochsAndTheFull100NsPrecision() {
        assertEquals(Instant.parse("1601-01-01T00:00:00Z"), Filetime.toInstant(0));
        assertEquals(Instant.EPOCH, Filetime.toInstant(116_444_736_000_000_000L));
        // a FILETIME as Windows wrote it, to the last 100 ns
        Instant t = Instant.parse("2026-11-24T07:40:09.1234567Z");
        long ft = Filetime.fromInstant(t);
        assertEquals(134_399_796_091_234_567L, ft);
        assertEquals(t, Filetime.toInstant(ft));
        assertEquals(t.getEpochSecond(), Filetime.toEpochSecond(ft));
        assertEquals(ft, Filetime.fromInstant(t.plusNanos(99))); // below 100 ns is dropped
    }

    @Test
    void outOfRangeValuesClampAndHighValuesReadAsUnsigned() {
        assertEquals(0, Filetime.fromInstant(Instant.parse("1600-12-31T23:59:59Z")));
        assertEquals(Long.MAX_VALUE, Filetime.fromInstant(Instant.MAX));
        assertEquals(Instant.ofEpochSecond(1_844_674_407_370L - 11_644_473_600L, 955_161_500), Filetime.toInstant(-1L));
    }
}
