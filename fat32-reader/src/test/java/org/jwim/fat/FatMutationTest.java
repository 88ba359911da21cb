package org.jwim.fat;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jwim.fat.format.Bpb;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seeded mutations of the boot sector, the FAT and directory clusters of fixture images: the
 * reader may only throw {@link FatFormatException} or report warnings, and must finish each
 * open + full walk + full read quickly. Each failure names its seed and iteration.
 */
class FatMutationTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"fat12, 100", "fat16, 100", "fat32, 100"})
    void mutatedImagesFailCleanly(String type, int iterations) throws Exception {
        try (ImagePatcher p = new ImagePatcher(OracleTools.fixture(type), tmp.resolve(type + ".img"))) {
            Bpb bpb = p.bpb;
            // regions worth mutating: [start, length) pairs in absolute bytes
            List<long[]> dirs = new ArrayList<>();
            FatVolume clean = FatVolume.open(p.ch, 0, p.ch.size(), w -> { });
            addDirectory(dirs, clean.root());
            for (FatEntry e : TreeWalk.all(clean)) {
                if (e.isDirectory()) {
                    addDirectory(dirs, e);
                }
            }
            long fatBytes = Math.min(bpb.fatSectors() * bpb.bytesPerSector(), 16384);
            long seed = 0x5EEDL ^ type.hashCode();
            Random rnd = new Random(seed);
            int failures = 0;
            int warned = 0;
            for (int it = 0; it < iterations; it++) {
                int region = rnd.nextInt(3);
                int count = 1 + rnd.nextInt(8);
                long[] pos = new long[count];
                byte[] old = new byte[count];
                for (int k = 0; k < count; k++) {
                    pos[k] = switch (region) {
                        case 0 -> rnd.nextInt(bpb.type() == org.jwim.fat.FatType.FAT32 ? 1024 : 512);
                        case 1 -> bpb.fatOffset(0) + (long) (rnd.nextDouble() * fatBytes);
                        default -> {
                            long[] d = dirs.get(rnd.nextInt(dirs.size()));
                            yield d[0] + (long) (rnd.nextDouble() * Math.min(d[1], 4096));
                        }
                    };
                    old[k] = (byte) p.get8(pos[k]);
                    int[] special = {0x00, 0xFF, 0xE5, 0x05, 0x0F, 0x10, 0x2E, 0x41};
                    int v = rnd.nextBoolean() ? rnd.nextInt(256) : special[rnd.nextInt(special.length)];
                    p.put8(pos[k], v);
                }
                String what = type + " seed " + seed + " iteration " + it + " region " + region;
                int[] w = {0};
                try {
                    boolean rejected = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                        try {
                            readEverything(p, w);
                            return false;
                        } catch (FatFormatException expected) {
                            return true;
                        } catch (Exception | Error e) {
                            throw new AssertionError(what + ": " + e, e);
                        }
                    }, what);
                    if (rejected) {
                        failures++;
                    }
                } finally {
                    for (int k = count - 1; k >= 0; k--) {
                        p.put8(pos[k], old[k]);
                    }
                }
                if (w[0] > 0) {
                    warned++;
                }
            }
            // the mutations must have hit something: some opens fail, some reads warn
            assertTrue(failures + warned > iterations / 10, "failures " + failures + ", warned " + warned);
        }
    }

    private static void addDirectory(List<long[]> dirs, FatEntry dir) {
        FatExtents x = dir.directoryExtents();
        for (int i = 0; i < x.count(); i++) {
            dirs.add(new long[] {x.start(i), x.length(i)});
        }
    }

    private static void readEverything(ImagePatcher p, int[] warnings) throws Exception {
        FatVolume vol = FatVolume.open(p.ch, 0, p.ch.size(), w -> warnings[0]++);
        byte[] buf = new byte[65536];
        for (FatEntry e : TreeWalk.all(vol)) {
            e.path();
            e.creationTime();
            e.lastWriteTime();
            e.lastAccessDate();
            if (!e.isDirectory()) {
                long n = 0;
                try (InputStream in = e.open()) {
                    for (int r; (r = in.read(buf)) > 0; ) {
                        n += r;
                    }
                }
                if (n != e.size()) {
                    throw new AssertionError(e.path() + ": read " + n + " of " + e.size());
                }
            }
        }
    }
}
