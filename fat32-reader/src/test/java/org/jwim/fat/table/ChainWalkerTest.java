package org.jwim.fat.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.jwim.fat.FatType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ChainWalkerTest {
    private static final int EOC = 0x0FFFFFFF;

    /** A FAT32 table of {@code n} entries where {@code links[i]} = next of cluster links[i-1]... */
    private static ChainWalker walker(int n, int... pairs) {
        int[] fat = new int[n];
        for (int i = 0; i < pairs.length; i += 2) {
            fat[pairs[i]] = pairs[i + 1];
        }
        return new ChainWalker(FatTable.of(fat, FatType.FAT32), n - 1);
    }

    private static int[] starts(Chain c) {
        return Arrays.copyOf(c.runStarts(), c.runCount());
    }

    private static int[] lengths(Chain c) {
        return Arrays.copyOf(c.runLengths(), c.runCount());
    }

    @Test
    void mergesContiguousRuns() throws Exception {
        ChainWalker w = walker(20, 2, 3, 3, 4, 4, 10, 10, 11, 11, 5, 5, EOC);
        Chain c = w.walk(2, 6, true);
        assertNull(c.problem());
        assertArrayEquals(new int[] {2, 10, 5}, starts(c));
        assertArrayEquals(new int[] {3, 2, 1}, lengths(c));
        assertEquals(6, c.clusters());
    }

    @Test
    void shortChainIsReported() throws Exception {
        Chain c = walker(20, 2, 3, 3, EOC).walk(2, 5, true);
        assertEquals(2, c.clusters());
        assertTrue(c.problem().contains("ends after 2"), c.problem());
    }

    @Test
    void longerChainIsReportedButCut() throws Exception {
        Chain c = walker(20, 2, 3, 3, 4, 4, EOC).walk(2, 2, true);
        assertEquals(2, c.clusters());
        assertTrue(c.problem().contains("beyond the file size"), c.problem());
    }

    @Test
    void freeBadAndOutOfRangeStop() throws Exception {
        assertTrue(walker(20, 2, 3).walk(2, 5, true).problem().contains("free"));
        assertTrue(walker(20, 2, 0x0FFFFFF7).walk(2, 5, true).problem().contains("bad"));
        Chain c = walker(20, 2, 25).walk(2, 5, true);
        assertTrue(c.problem().contains("out of range"));
        assertEquals(1, c.clusters());
        assertTrue(walker(20).walk(1, 5, true).problem().contains("out of range"));
        assertTrue(walker(20).walk(0, 5, true).problem().contains("no first cluster"));
        assertTrue(walker(20, 7, EOC).walk(7, 0, true).problem().contains("empty file"));
        assertNull(walker(20).walk(0, 0, true).problem());
    }

    @Test
    @Timeout(5)
    void loopIsCutAtFirstRepeat() throws Exception {
        // 2 -> 3 -> 7 -> 8 -> 3 ...
        Chain c = walker(20, 2, 3, 3, 7, 7, 8, 8, 3).walk(2, 10, true);
        assertTrue(c.problem().contains("loops back to cluster 3"), c.problem());
        assertArrayEquals(new int[] {2, 7}, starts(c));
        assertArrayEquals(new int[] {2, 2}, lengths(c));
    }

    @Test
    @Timeout(5)
    void selfLoopOnDirectoryIsBounded() throws Exception {
        Chain c = walker(1 << 20, 5, 5).walk(5, 1 << 30, false);
        assertTrue(c.problem().contains("loops"), c.problem());
        assertEquals(1, c.clusters());
    }

    @Test
    @Timeout(5)
    void directoryCapStopsLongChains() throws Exception {
        int n = 1000;
        int[] pairs = new int[2 * (n - 3)];
        for (int i = 2; i < n - 1; i++) {
            pairs[2 * (i - 2)] = i;
            pairs[2 * (i - 2) + 1] = i + 1;
        }
        Chain c = walker(n, pairs).walk(2, 100, false);
        assertEquals(100, c.clusters());
        assertTrue(c.problem().contains("longer than 100"), c.problem());
    }

    @Test
    void endOfChainValuesPerType() throws Exception {
        int[] fat = new int[10];
        fat[2] = 3;
        fat[3] = 0xFF8;
        ChainWalker w = new ChainWalker(FatTable.of(fat, FatType.FAT12), 9);
        assertNull(w.walk(2, 2, true).problem());
        fat[3] = 0xFFF8;
        w = new ChainWalker(FatTable.of(fat, FatType.FAT16), 9);
        assertNull(w.walk(2, 2, true).problem());
    }

    @Test
    void longSetBasics() throws Exception {
        LongSet s = new LongSet();
        assertTrue(s.add(5));
        assertTrue(!s.add(5));
        assertTrue(s.add(Long.MIN_VALUE));
        assertTrue(s.contains(Long.MIN_VALUE));
        for (long i = 0; i < 10_000; i++) {
            s.add(i * 31);
        }
        assertTrue(s.contains(31 * 9999));
        assertTrue(!s.contains(-1));
    }
}
