package org.jwim.ntfs.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Crash-safe allocation: the old volume's clusters are skipped but stay out of the new bitmap. */
class ClusterAllocatorTest {
    /** Old volume of 100 clusters using 0-9, 20-29 and 95-99. */
    private static byte[] oldBitmap() {
        byte[] b = new byte[13];
        for (int c : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 95, 96, 97, 98, 99}) {
            b[c >>> 3] |= (byte) (1 << (c & 7));
        }
        return b;
    }

    @Test
    void allocationSkipsTheOldVolumeWhoseClustersStayFreeInTheNewBitmap() throws Exception {
        ClusterAllocator a = new ClusterAllocator(100);
        a.reserve(0, 2);                                // $Boot
        a.avoid(oldBitmap());
        assertEquals(100 - 25, a.available());
        a.reserve(20, 5);                               // a protected file's data: kept, used by both
        assertEquals(75, a.available());
        Runs r = new Runs();
        a.allocate(15, r);
        assertEquals(2, r.count());
        assertEquals(10, r.lcn(0));
        assertEquals(10, r.length(0));
        assertEquals(30, r.lcn(1));
        assertEquals(5, r.length(1));
        assertEquals(60, a.available());
        assertThrows(IllegalStateException.class, () -> a.checkNotAvoided(29, 31));
        a.checkNotAvoided(30, 35);

        byte[] bitmap = a.bitmap(13);
        for (int c = 0; c < 100; c++) {
            boolean used = (bitmap[c >>> 3] & (1 << (c & 7))) != 0;
            // $Boot, the new runs 10-19 and 30-34, the kept 20-24; the rest of the old volume is free
            boolean want = c < 2 || (c >= 10 && c < 25) || (c >= 30 && c < 35);
            assertEquals(want, used, "cluster " + c);
        }
    }

    @Test
    void releasedOldClustersAreNotHandedOutBeforeTheSwitch() throws Exception {
        ClusterAllocator a = new ClusterAllocator(100);
        a.avoid(oldBitmap());
        a.reserve(20, 10);                              // held until the copy is written
        a.release(20, 10);
        assertTrue(a.isAvoiding());
        assertEquals(75, a.available());
        Runs r = new Runs();
        a.allocate(75, r);
        for (int i = 0; i < r.count(); i++) {
            assertFalse(r.lcn(i) < 10 || (r.lcn(i) < 30 && r.lcn(i) + r.length(i) > 20) || r.lcn(i) + r.length(i) > 95,
                    "run " + r.lcn(i) + "+" + r.length(i) + " touches the old volume");
        }
        assertThrows(NtfsVolumeFullException.class, () -> a.allocate(1, new Runs()));
        a.stopAvoiding();
        assertEquals(25, a.available());
    }
}
