package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jwim.capture.Apply;
import org.jwim.capture.Capture;
import org.jwim.capture.DiskApplyReport;
import org.jwim.capture.apply.SpaceEstimate;
import org.jwim.capture.testing.ApplyFixtures;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TestTrees;
import org.jwim.fat.FatEntry;
import org.jwim.fat.FatVolume;
import org.jwim.fat.write.FatWriter;
import org.jwim.ntfs.NtfsVolume;
import org.jwim.wim.CompressionType;

/**
 * The pre-flight room check: the estimate a dry run gives is never lower than what the apply
 * then takes (measured from the applied volume's $Bitmap or FAT), across NTFS and FAT
 * fixtures and cluster sizes; and an image too big for its volume is refused before anything
 * is written.
 */
class SpaceEstimateTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"full, 4096, 512", "small, 512, 512", "small, 65536, 512", "small, 4096, 4096"})
    void ntfsFixtureNeedsNoMoreThanEstimated(String kind, int cluster, int sector) throws Exception {
        for (String tool : new String[] {"mkntfs", "ntfs-3g", "python3", "ntfscp", "ntfsfix"}) {
            OracleTools.requireTool(tool);
        }
        OracleTools.requireRoot();
        Path src = tmp.resolve("src.img");
        OracleTools.run(null, "bash", ApplyFixtures.repoRoot().resolve("scripts/ntfs/make-fixture.sh").toString(),
                src.toString(), kind, cluster + "", sector + "");
        Path wim = tmp.resolve("ntfs.wim");
        Capture.volume(src).to(wim).compression(CompressionType.XPRESS).run();
        Path dst = ntfsTarget(Files.size(src), cluster, sector);
        checkNtfs(wim, dst, cluster);
    }

    @Test
    void directoryTreesNeedNoMoreThanEstimatedOnNtfsAndFat() throws Exception {
        for (String tool : new String[] {"mkntfs", "ntfscp", "ntfsfix"}) {
            OracleTools.requireTool(tool);
        }
        Path big = tmp.resolve("big.wim");
        Capture.directory(manyNames(TestTrees.mixed(tmp.resolve("big")), 40, 60)).to(big)
                .compression(CompressionType.XPRESS).run();
        Path small = tmp.resolve("small.wim");
        Capture.directory(manyNames(TestTrees.mixed(tmp.resolve("small")), 4, 30)).to(small)
                .compression(CompressionType.XPRESS).run();
        for (int cluster : new int[] {512, 4096}) {
            checkNtfs(big, ntfsTarget(48L << 20, cluster, 512), cluster);
        }
        checkFat(small, "12", 8);
        checkFat(big, "16", 64);
        checkFat(big, "32", 64);
    }

    /** Applies {@code wim} to a FAT volume holding a protected folder and compares the estimate with the clusters taken. */
    private void checkFat(Path wim, String bits, int mib) throws Exception {
        Path fat = ApplyFixtures.bareFat(tmp.resolve("fat" + bits + ".img"), bits, mib);
        Path keep = tmp.resolve("keep");
        Files.createDirectories(keep.resolve("_SMSTaskSequence"));
        Files.write(keep.resolve("_SMSTaskSequence/state.bin"), TestTrees.pattern(70_000, 3));
        ApplyFixtures.mtools("mcopy", "-s", "-i", fat.toString(), keep.resolve("_SMSTaskSequence").toString(), "::/");
        SpaceEstimate s = dryRun(wim, fat);
        long cs;
        try (FileChannel ch = FileChannel.open(fat, StandardOpenOption.READ)) {
            cs = FatVolume.open(ch, 0, ch.size()).clusterSize();
        }
        Apply.wim(wim).toVolume(fat).run();
        long used = s.freeAfterWipe() - fatFree(fat);
        System.out.printf("FAT%s, %d B clusters: estimated %d, used %d bytes (%.2fx)%n", bits, cs, s.needed(), used,
                (double) s.needed() / used);
        assertTrue(s.fits(), s.toString());
        assertTrue(s.needed() >= used, "FAT" + bits + ": estimated " + s.needed() + " < used " + used);
        ApplyFixtures.fsckClean(fat, 0, Files.size(fat), tmp.resolve("fsck.img"));
    }

    /** Applies {@code wim} to the blank NTFS volume {@code dst} and compares the estimate with the clusters taken. */
    private void checkNtfs(Path wim, Path dst, int cluster) throws Exception {
        SpaceEstimate s = dryRun(wim, dst);
        List<String> warnings = new ArrayList<>();
        Apply.wim(wim).toVolume(dst).warnings(m -> warnings.add(m.toString())).run();
        long used = s.freeAfterWipe() - ntfsFree(dst);
        System.out.printf("NTFS %s, %d B clusters: estimated %d, used %d bytes (%.2fx)%n", wim.getFileName(), cluster,
                s.needed(), used, (double) s.needed() / used);
        assertTrue(s.fits(), s.toString());
        assertTrue(s.needed() >= used, cluster + " B clusters: estimated " + s.needed() + " < used " + used);
        String fix = OracleTools.run(null, "ntfsfix", "-n", dst.toString());
        assertTrue(fix.contains("processed successfully"), fix);
    }

    @Test
    void aBigImageOntoASmallNtfsVolumeIsRefusedWithNothingChanged() throws Exception {
        for (String tool : new String[] {"mkntfs", "ntfscp", "ntfscat"}) {
            OracleTools.requireTool(tool);
        }
        Path src = Files.createDirectories(tmp.resolve("big"));
        for (int i = 0; i < 40; i++) {
            Files.write(src.resolve("file" + i + ".bin"), TestTrees.pattern(1 << 20, i));
        }
        Path wim = tmp.resolve("big.wim");
        Jwim.ok("capture", src, wim, "--compress=xpress");
        Path dst = ntfsTarget(24L << 20, 4096, 512);
        String before = ApplyDiskTest.sha256(dst);

        Jwim.Result r = Jwim.run("apply", wim, "1", dst);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().matches("(?s).*image 1 needs 4\\d\\.\\d MiB, NTFS volume .* has 2\\d\\.\\d MiB free after"
                + " the wipe; nothing was changed.*"), r.toString());
        assertEquals(before, ApplyDiskTest.sha256(dst), "the volume is untouched");
        assertEquals("kept\n", OracleTools.run(null, "ntfscat", dst.toString(), "/_SMSTaskSequence"));
    }

    @Test
    void applyDiskChecksEveryVolumeBeforeTheFirstWipeAndTheDryRunSaysWhy() throws Exception {
        Path disk = ApplyFixtures.gptDisk(Files.createDirectories(tmp.resolve("disk")));
        Path src = Files.createDirectories(tmp.resolve("big"));
        for (int i = 0; i < 60; i++) {
            Files.write(src.resolve("file" + i + ".bin"), TestTrees.pattern(1 << 20, i));
        }
        Path small = Files.createDirectories(tmp.resolve("small"));
        Files.writeString(small.resolve("a.txt"), "fits\n");
        Path wim = tmp.resolve("two.wim");
        Jwim.ok("capture", small, wim, "small", "--compress=xpress");
        Jwim.ok("append", src, wim, "big");
        String before = ApplyDiskTest.sha256(disk);

        // image 1 fits volume 1 (FAT32) but image 2 does not fit volume 3 (NTFS): volume 1 is not wiped either
        Jwim.Result dry = Jwim.run("apply-disk", wim, disk, "--map", "1=1,2=3", "--dry-run");
        assertEquals(1, dry.exit(), dry.toString());
        assertTrue(dry.out().contains("Image 1 -> volume 1 (FAT32) (dry run)"), dry.toString());
        assertTrue(dry.out().matches("(?s).*space: needs [0-9.]+ KiB, [0-9.]+ MiB free after the wipe\n"
                + "  commit: not crash-safe \\(written in place\\).*"), dry.toString());
        assertTrue(dry.out().matches("(?s).*volume 3 \\(NTFS\\).*space: needs [0-9.]+ MiB, [0-9.]+ MiB free after the"
                + " wipe \\(does not fit\\)\n  commit: not crash-safe \\(needs .*"), dry.toString());
        assertTrue(dry.out().contains("(does not fit)"), dry.toString());
        assertTrue(dry.err().contains("image 2 needs ") && dry.err().contains("volume 3 (NTFS) has "), dry.toString());
        Jwim.Result real = Jwim.run("apply-disk", wim, disk, "--map", "1=1,2=3");
        assertEquals(1, real.exit(), real.toString());
        assertTrue(real.err().contains("nothing was changed"), real.toString());
        assertEquals(before, ApplyDiskTest.sha256(disk), "no volume was wiped");
    }

    @Test
    void aMountedVolumeTooSmallForTheImageIsRefusedBeforeTheWipe() throws Exception {
        OracleTools.requireRoot();
        Path src = Files.createDirectories(tmp.resolve("big"));
        for (int i = 0; i < 6; i++) {
            Files.write(src.resolve("file" + i + ".bin"), TestTrees.pattern(1 << 20, i));
        }
        Path wim = tmp.resolve("big.wim");
        Jwim.ok("capture", src, wim, "--compress=xpress");
        Path vol = Files.createDirectories(tmp.resolve("vol"));
        OracleTools.run(null, "mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", vol.toString());
        try {
            Files.writeString(vol.resolve("old.txt"), "old content\n");
            Files.createDirectories(vol.resolve("_SMSTaskSequence"));
            Jwim.Result r = Jwim.run("apply-disk", wim, vol);
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.err().matches("(?s).*image 1 needs 6\\.\\d MiB, " + java.util.regex.Pattern.quote(vol.toString())
                    + " has [34]\\.\\d MiB free after the wipe; nothing was changed.*"), r.toString());
            assertEquals("old content\n", Files.readString(vol.resolve("old.txt")), "nothing was wiped");
            Jwim.Result plain = Jwim.run("apply", wim, "1", vol.resolve("sub"));
            assertEquals(1, plain.exit(), plain.toString());
            assertTrue(plain.err().contains("nothing was changed"), plain.toString());
        } finally {
            OracleTools.run(null, "umount", vol.toString());
        }
    }

    private SpaceEstimate dryRun(Path wim, Path volume) throws Exception {
        DiskApplyReport r = Apply.wim(wim).toVolume(volume).dryRun(true).run();
        return r.volumes().get(0).space();
    }

    /** A blank NTFS volume holding _SMSTaskSequence/keep.txt. */
    private Path ntfsTarget(long size, int cluster, int sector) throws Exception {
        Path dst = Files.createTempFile(tmp, "dst", ".img");
        OracleTools.run(null, "truncate", "-s", size + "", dst.toString());
        OracleTools.run(null, "mkntfs", "-F", "-q", "-f", "-c", cluster + "", "-s", sector + "", dst.toString());
        Path keep = tmp.resolve("keep.txt");
        Files.writeString(keep, "kept\n");
        OracleTools.run(null, "ntfscp", "-f", dst.toString(), keep.toString(), "/_SMSTaskSequence");
        OracleTools.run(null, "ntfscp", "-f", dst.toString(), keep.toString(), "/junk.txt");
        return dst;
    }

    /** Free bytes of an NTFS volume, from its $Bitmap. */
    private static long ntfsFree(Path img) throws Exception {
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ)) {
            NtfsVolume v = NtfsVolume.open(ch, 0, ch.size(), m -> { });
            byte[] bitmap;
            try (InputStream in = v.file(6).stream("").open()) {
                bitmap = in.readAllBytes();
            }
            long free = 0;
            for (long c = 0; c < v.totalClusters(); c++) {
                if ((bitmap[(int) (c >>> 3)] & (1 << (c & 7))) == 0) {
                    free++;
                }
            }
            return free * v.clusterSize();
        }
    }

    /** Free bytes of a FAT volume, from its FAT (every root entry kept, nothing written). */
    private static long fatFree(Path img) throws Exception {
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FatVolume v = FatVolume.open(ch, 0, ch.size());
            List<String> names = new ArrayList<>();
            for (FatEntry e : v.list(v.root())) {
                names.add(e.longName());
            }
            try (FatWriter w = FatWriter.open(ch, 0, ch.size(), names)) {
                return w.freeBytes();
            }
        }
    }

    /** Adds directories of files with long names and sizes around the cluster sizes. */
    private static Path manyNames(Path root, int dirs, int files) throws Exception {
        for (int d = 0; d < dirs; d++) {
            Path dir = Files.createDirectories(root.resolve("a directory with a rather long name " + d));
            for (int f = 0; f < files; f++) {
                int size = (f * 997 + d * 131) % 9000;
                Files.write(dir.resolve("file number " + f + " with a name longer than eight point three.dat"),
                        TestTrees.pattern(size, d * 100 + f));
            }
        }
        return root;
    }
}
