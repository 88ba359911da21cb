package org.jwim.fat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the reader reports for the known content of make-fixture.sh images. */
class FatVolumeTest {
    private static final Charset CP850 = Charset.forName("IBM850");

    private static Map<String, FatEntry> byPath(FatVolume vol) throws Exception {
        Map<String, FatEntry> m = new HashMap<>();
        for (FatEntry e : TreeWalk.all(vol)) {
            m.put(e.path(), e);
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"fat32", "fat16", "fat12"})
    void volumeFieldsNamesAttributesAndExtents(String type) throws Exception {
        try (FileChannel ch = FileChannel.open(OracleTools.fixture(type), StandardOpenOption.READ)) {
            FatVolume vol = FatVolume.open(ch, 0, ch.size(), w -> {
                throw new AssertionError(w.toString());
            }, CP850);
            assertEquals("JWIMTEST", vol.label());
            assertEquals(0x1234ABCDL, vol.serialNumber());
            int cs = vol.clusterSize();
            assertEquals(Map.of("fat32", 512, "fat16", 2048, "fat12", 1024).get(type), cs);
            assertTrue(vol.root().isRoot());
            assertEquals("/", vol.root().path());
            assertEquals(type.equals("fat32"), vol.fsInfoFreeCount() > 0);
            Map<String, FatEntry> all = byPath(vol);

            // NT case flags versus long names
            FatEntry lower = all.get("/case-lower/readme.txt");
            assertEquals("README.TXT", lower.shortName());
            assertFalse(lower.hasDistinctShortName());
            assertFalse(all.get("/case-upper/README.TXT").hasDistinctShortName());
            assertFalse(all.get("/case-lowbase/readme.TXT").hasDistinctShortName());
            assertFalse(all.get("/case-lowext/README.txt").hasDistinctShortName());
            FatEntry mixed = all.get("/case-mixed/ReadMe.Txt");
            assertEquals("README.TXT", mixed.shortName());
            assertTrue(mixed.hasDistinctShortName());

            // 8.3 collisions give distinct short names
            Set<String> shorts = new TreeSet<>();
            for (int i = 1; i <= 12; i++) {
                shorts.add(all.get("/collide/LongFileName" + i + ".txt").shortName());
            }
            assertEquals(12, shorts.size(), shorts.toString());
            assertTrue(shorts.contains("LONGFI~1.TXT"), shorts.toString());

            // attributes
            assertTrue(all.get("/attrs/hidden.txt").isHidden());
            assertTrue(all.get("/attrs/system.txt").isSystem());
            assertTrue(all.get("/attrs/readonly.txt").isReadOnly());
            FatEntry every = all.get("/attrs/all.txt");
            assertTrue(every.isReadOnly() && every.isHidden() && every.isSystem() && every.isArchive());
            assertEquals(0x27, every.attributes());
            assertFalse(all.get("/attrs/plain.txt").isArchive());
            FatEntry hiddenDir = all.get("/attrs/hiddendir");
            assertTrue(hiddenDir.isDirectory() && hiddenDir.isHidden());
            assertEquals(0, hiddenDir.size());

            // sizes around one cluster
            FatEntry empty = all.get("/sizes/empty.bin");
            assertEquals(0, empty.size());
            assertEquals(0, empty.extents().count());
            assertEquals(-1, empty.firstPhysicalOffset());
            assertEquals(0, empty.firstCluster());
            FatEntry one = all.get("/sizes/one-cluster.bin");
            assertEquals(1, one.extents().count());
            assertEquals(cs, one.extents().length(0));
            assertEquals(vol.offset() + one.extents().start(0), one.firstPhysicalOffset());
            FatEntry plus = all.get("/sizes/one-cluster-plus-1.bin");
            assertEquals(cs + 1, plus.extents().totalLength());

            // a fragmented file: runs are maximal (never adjacent)
            FatEntry frag = all.get("/frag/hole1");
            assertEquals(cs * 11L + 5, frag.size());
            FatExtents x = frag.extents();
            assertTrue(x.count() >= 5, x.toString());
            for (int i = 0; i + 1 < x.count(); i++) {
                assertTrue(x.start(i) + x.length(i) != x.start(i + 1), x.toString());
                assertEquals(0, x.length(i) % cs);
            }

            // deep tree and the 2000-entry directory
            String deep = "/level1/level2/level3/level4/level5/level6/level7/level8/level9/level10/level11"
                    + "/level12/level13/level14/level15/level16/level17/level18/level19/level20/level21"
                    + "/level22/level23/level24/leaf.txt";
            assertEquals(100, all.get(deep).size());
            assertEquals(2000, vol.list(all.get("/many")).size());
            assertFalse(vol.list(vol.root()).stream().anyMatch(e -> e.longName().startsWith("JWIM")));

            // times: local time written by mtools while the fixture was made
            LocalDateTime now = LocalDateTime.now();
            FatEntry big = all.get("/sizes/big.bin");
            assertTrue(Duration.between(big.lastWriteTime(), now).abs().toHours() < 26, big.lastWriteTime().toString());
            assertNotNull(big.creationTime());
            assertNotNull(big.lastAccessDate());
            assertEquals(0, big.lastAccessDate().getHour());
            assertNull(vol.root().creationTime());
            assertThrows(IllegalArgumentException.class, () -> vol.list(big));
            assertThrows(IllegalStateException.class, () -> hiddenDir.open());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fat16"})
    void rootHasTheExpectedChildrenInOnDiskOrder(String type) throws Exception {
        try (FileChannel ch = FileChannel.open(OracleTools.fixture(type), StandardOpenOption.READ)) {
            FatVolume vol = FatVolume.open(ch, 0, ch.size(), w -> { }, CP850);
            List<String> names = vol.list(vol.root()).stream().map(FatEntry::longName).toList();
            // the script copies the host tree in glob (code point) order, then makes the rest
            assertEquals(List.of("Long Names", "case-lowbase", "case-lower", "case-lowext",
                    "case-mixed", "case-upper", "collide", "level1", "many", "sizes", "frag", "attrs"), names);
        }
    }
}
