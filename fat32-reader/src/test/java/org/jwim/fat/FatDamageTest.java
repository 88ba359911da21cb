package org.jwim.fat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.common.Warning;

/** Damaged structures on copies of fixture images: reported, worked around, never a hang. */
class FatDamageTest {
    private static final Charset CP850 = Charset.forName("IBM850");
    @TempDir
    Path tmp;
    private final List<Warning> warnings = new ArrayList<>();

    private FatVolume open(ImagePatcher p) throws Exception {
        warnings.clear();
        return FatVolume.open(p.ch, 0, p.ch.size(), warnings::add, CP850);
    }

    private static Map<String, FatEntry> walk(FatVolume vol) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Map<String, FatEntry> m = new HashMap<>();
            for (FatEntry e : TreeWalk.all(vol)) {
                m.put(e.path(), e);
            }
            return m;
        });
    }

    private boolean warned(String fragment) {
        return warnings.stream().anyMatch(w -> w.message().contains(fragment));
    }

    @Test
    void directoryPointingBackToAnAncestorIsDetected() throws Exception {
        try (ImagePatcher p = new ImagePatcher(OracleTools.fixture("fat16"), tmp.resolve("a.img"))) {
            Map<String, FatEntry> before = walk(open(p));
            FatEntry l1 = before.get("/level1");
            FatEntry l3 = before.get("/level1/level2/level3");
            p.setFirstCluster(l3.entryOffset(), l1.firstCluster());
            Map<String, FatEntry> after = walk(open(p));
            assertTrue(warned("cycle"), warnings.toString());
            FatEntry bad = after.get("/level1/level2/level3");
            assertTrue(bad.isUnreadableDirectory());
            assertFalse(after.containsKey("/level1/level2/level3/level4"));
            assertEquals(before.size() - 22, after.size()); // level4..level24 and leaf.txt gone
        }
    }

    @Test
    void directoryPointingAtItselfAndAtTheFixedRoot() throws Exception {
        try (ImagePatcher p = new ImagePatcher(OracleTools.fixture("fat16"), tmp.resolve("b.img"))) {
            Map<String, FatEntry> before = walk(open(p));
            FatEntry l2 = before.get("/level1/level2");
            FatEntry attrs = before.get("/attrs");
            p.setFat(0, l2.firstCluster(), l2.firstCluster()); // its chain loops on itself
            p.setFirstCluster(before.get("/frag").entryOffset(), 0); // ".." style pointer to root
            Map<String, FatEntry> after = walk(open(p));
            assertTrue(warned("loops back"), warnings.toString());
            assertTrue(warned("no first cluster"), warnings.toString());
            assertTrue(after.containsKey("/level1/level2/level3/level4"));
            assertFalse(after.containsKey("/frag/hole1"));
            assertTrue(after.containsKey(attrs.path() + "/all.txt"));
        }
    }

    @Test
    void directoriesBeyondTheDepthLimitAreNotListed() throws Exception {
        try (ImagePatcher p = new ImagePatcher(OracleTools.fixture("fat12"), tmp.resolve("j.img"))) {
            FatVolume vol = open(p);
            vol.maxDepth = 10;
            Map<String, FatEntry> m = walk(vol);
            assertTrue(warned("deeper than 10"), warnings.toString());
            FatEntry l10 = m.values().stream().filter(e -> e.longName().equals("level10")).findFirst().get();
            assertEquals(10, l10.depth());
            assertFalse(l10.isUnreadableDirectory());
            FatEntry l11 = m.values().stream().filter(e -> e.longName().equals("level11")).findFirst().get();
            assertTrue(l11.isUnreadableDirectory());
            assertTrue(m.values().stream().noneMatch(e -> e.longName().equals("level12")));
        }
    }

    @Test
    void crossLinkedFilesAreReportedAndStillRead() throws Exception {
        try (ImagePatcher p = new ImagePatcher(OracleTools.fixture("fat16"), tmp.resolve("c.img"))) {
            Map<String, FatEntry> before = walk(open(p));
            FatEntry one = before.get("/sizes/one-cluster.bin");
            FatEntry plus = before.get("/sizes/one-cluster-plus-1.bin");
            byte[] oneData;
            try (InputStream in = one.open()) {
                oneData = in.readAllBytes();
            }
            p.setFirstCluster(plus.entryOffset(), one.firstCluster());
            Map<String, FatEntry> after = walk(open(p));
            assertTrue(warned("cross-linked"), warnings.toString());
            FatEntry now = after.get("/sizes/one-cluster-plus-1.bin");
            assertEquals(one.size(), now.size()); // chain of one cluster: the extra byte is lost
            assertTrue(warned("ends after 1 clusters"), warnings.toString());
            try (InputStream in = now.open()) {
                assertArrayEquals(oneData, in.readAllBytes());
            }
        }
    }

    @Test
    void loopInAFileChainTruncatesIt() throws Exception {
        try (ImagePatcher p = new ImagePatcher(OracleTools.fixture("fat16"), tmp.resolve("d.img"))) {
            Map<String, FatEntry> before = walk(open(p));
            FatEntry big = before.get("/sizes/big.bin");
            long first = big.firstCluster();
            int cs = open(p).clusterSize();
            // cluster 3 of the file points back to its first cluster
            assertEquals(1, big.extents().count());
            p.setFat(0, first + 2, first);
            FatEntry after = walk(open(p)).get("/sizes/big.bin");
            assertTrue(warned("loops back to cluster " + first), warnings.toString());
            assertEquals(3L * cs, after.size());
            assertEquals(300000, after.declaredSize());
            try (InputStream a = after.open(); InputStream b = big.open()) {
                assertArrayEquals(b.readNBytes(3 * cs), a.readAllBytes());
            }
        }
    }

    @Test
    void brokenLongNameChecksumFallsBackToTheShortName() throws Exception {
        try (ImagePatcher p = new ImagePatcher(OracleTools.fixture("fat16"), tmp.resolve("e.img"))) {
            FatEntry e = walk(open(p)).get("/Long Names/mixed.Case.Many.Dots.tar.gz");
            long lfn1 = e.entryOffset() - 32; // ordinal 1 sits right before the short entry
            p.put8(lfn1 + 0x0D, p.get8(lfn1 + 0x0D) ^ 0x55);
            Map<String, FatEntry> after = walk(open(p));
            FatEntry f = after.get("/Long Names/MIXEDC~1.GZ");
            assertTrue(f != null, after.keySet().stream().filter(k -> k.startsWith("/Long")).toList().toString());
            assertFalse(f.hasDistinctShortName());
            assertEquals(300, f.size());
            assertTrue(warned("long name"), warnings.toString());
        }
    }

    @Test
    void deletedAndEndMarkersEndOrSkipEntries() throws Exception {
        try (ImagePatcher p = new ImagePatcher(OracleTools.fixture("fat16"), tmp.resolve("f.img"))) {
            FatVolume vol = open(p);
            Map<String, FatEntry> before = walk(vol);
            FatEntry hidden = before.get("/attrs/hidden.txt");
            p.put8(hidden.entryOffset(), 0xE5); // deleted: its LFN entries become orphans
            FatEntry readonly = before.get("/attrs/readonly.txt");
            p.put8(readonly.entryOffset(), 0x00); // end of directory from here
            Map<String, FatEntry> after = walk(open(p));
            assertFalse(after.containsKey("/attrs/hidden.txt"));
            assertTrue(after.containsKey("/attrs/system.txt"));
            assertFalse(after.containsKey("/attrs/readonly.txt"));
            assertFalse(after.containsKey("/attrs/all.txt"));
        }
    }

    @Test
    void truncatedImageKeepsWhatFits() throws Exception {
        try (ImagePatcher p = new ImagePatcher(OracleTools.fixture("fat16"), tmp.resolve("g.img"))) {
            warnings.clear();
            FatVolume vol = FatVolume.open(p.ch, 0, p.ch.size() / 8, warnings::add, CP850);
            walk(vol);
            assertTrue(warned("boot sector describes"), warnings.toString());
            assertTrue(warned("out of range"), warnings.toString());
            // a length beyond the channel's end is clamped to what the channel holds
            warnings.clear();
            FatVolume whole = FatVolume.open(p.ch, 0, p.ch.size() * 2, warnings::add, CP850);
            assertTrue(warned("ends beyond the channel"), warnings.toString());
            assertEquals(2078, walk(whole).size() + 1); // fsck counts the root as well
        }
    }

    @Test
    void fat32UsesTheActiveFatWhenMirroringIsOff() throws Exception {
        try (ImagePatcher p = new ImagePatcher(OracleTools.fixture("fat32"), tmp.resolve("h.img"))) {
            Map<String, FatEntry> good = walk(open(p));
            FatEntry big = good.get("/sizes/big.bin");
            // wreck FAT 0's entries of big.bin, then declare FAT 1 the only active FAT
            for (long c = big.firstCluster(); c < big.firstCluster() + 20; c++) {
                p.setFat(0, c, 0);
            }
            assertTrue(walk(open(p)).get("/sizes/big.bin").size() < big.size());
            assertTrue(warned("free cluster"), warnings.toString());
            p.put16(0x28, 0x81);
            FatEntry fromFat1 = walk(open(p)).get("/sizes/big.bin");
            assertEquals(List.of(), warnings);
            assertEquals(big.size(), fromFat1.size());
            // an active FAT that does not exist falls back to FAT 0, with a warning
            p.put16(0x28, 0x85);
            walk(open(p));
            assertTrue(warned("active FAT 5"), warnings.toString());
        }
    }

    @Test
    void badFsInfoIsOnlyAWarning() throws Exception {
        try (ImagePatcher p = new ImagePatcher(OracleTools.fixture("fat32"), tmp.resolve("i.img"))) {
            p.put8(512, 0);
            FatVolume vol = open(p);
            assertTrue(warned("FSInfo"), warnings.toString());
            assertEquals(-1, vol.fsInfoFreeCount());
        }
    }
}
