package org.jwim.capture.disk;

import org.jwim.capture.testing.DiskFixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jwim.capture.Capture;
import org.jwim.capture.CaptureReport;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.WimlibDetailed;
import org.jwim.capture.testing.RawEntries;
import org.jwim.wim.BlobInfo;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.WimFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * capture-disk keeps exactly the NTFS and FAT32 volumes, in order, and wimlib agrees: entry by
 * entry in dir --detailed for NTFS, by names and stream hashes for FAT (whose attributes, short
 * names and times are checked against a directory-entry decoder independent of jwim).
 */
class DiskCaptureTest {
    /** What a capture of mtools' copy of a FAT volume shares with a capture of the volume. */
    private static final Predicate<String> FAT_FIELDS = line -> line.startsWith("Hash")
            || line.startsWith("Uncompressed size") || line.startsWith("Number of Streams");
    @TempDir
    Path tmp;

    /**
     * The entries of one partition as wimlib's own capture of it lists them: every field of
     * {@code dir --detailed} for NTFS (wimlib reads the raw volume through NTFS-3G), names and
     * stream sizes and hashes for FAT (wimlib captures a copy made by mtools, which keeps neither
     * attributes nor all times: those are checked against scripts/fat/fat_entries.py).
     */
    private Map<String, List<String>> expectedTree(Path disk, Volume v, Path wimOfDisk, int image) throws Exception {
        Path vol = tmp.resolve("vol" + v.index() + ".img");
        OracleTools.run(null, "dd", "if=" + disk, "of=" + vol, "bs=1M", "skip=" + v.offset() / (1 << 20),
                "count=" + v.length() / (1 << 20), "status=none");
        Path wim = tmp.resolve("ref" + v.index() + ".wim");
        if (v.fileSystem() == FileSystemKind.NTFS) {
            OracleTools.run(null, "wimlib-imagex", "capture", vol.toString(), wim.toString(), "--compress=none");
            return WimlibDetailed.of(wim, 1, line -> true);
        }
        Map<String, String> entries = RawEntries.fatFields(vol, false);
        Map<String, String> captured = RawEntries.wimFatFields(wimOfDisk, image);
        assertEquals(entries.keySet(), captured.keySet(), "FAT entries of volume " + v.index());
        assertEquals(List.of(), RawEntries.diffs(entries, captured), "FAT entries of volume " + v.index());
        Path dir = tmp.resolve("fat" + v.index());
        OracleTools.run(null, "mkdir", "-p", dir.toString());
        OracleTools.run(null, "mcopy", "-s", "-n", "-i", vol.toString(), "::/", dir.toString());
        OracleTools.run(null, "wimlib-imagex", "capture", dir.toString(), wim.toString(), "--compress=none");
        return WimlibDetailed.of(wim, 1, FAT_FIELDS);
    }

    private void captureAndCompare(String name, int expectedImages) throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path img = DiskFixtures.dir().resolve(name);
        Path wim = tmp.resolve(name + ".wim");
        String before = sha256(img);
        try (Disk disk = Disk.open(img)) {
            CaptureReport r = Capture.disk(disk).to(wim).compression(CompressionType.LZX).threads(2)
                    .imageInfo(new ImageInfo("ref", "reference disk", "ops", "1.0")).run();
            assertEquals(expectedImages, r.imageCount());
            OracleTools.run(null, "wimlib-imagex", "verify", wim.toString());
            int image = 0;
            for (CaptureReport.VolumeResult res : r.volumes()) {
                if (res.image() == 0) {
                    assertTrue(!res.volume().fileSystem().isCaptured(), res.skipReason());
                    continue;
                }
                assertEquals(++image, res.image());
                boolean ntfs = res.volume().fileSystem() == FileSystemKind.NTFS;
                Map<String, List<String>> expected = expectedTree(img, res.volume(), wim, res.image());
                Map<String, List<String>> actual = WimlibDetailed.of(wim, res.image(), ntfs ? line -> true : FAT_FIELDS);
                assertEquals(expected.keySet(), actual.keySet(), "paths of volume " + res.volume().index());
                assertEquals(List.of(), expected.keySet().stream().filter(k -> !expected.get(k).equals(actual.get(k)))
                        .limit(5).map(k -> k + "\n  wimlib: " + expected.get(k) + "\n  jwim:   " + actual.get(k)).toList(),
                        "entries of volume " + res.volume().index());
            }
        }
        assertEquals(before, sha256(img), "the source disk must not change");
        try (WimFile f = WimFile.open(wim)) {
            assertEquals(expectedImages, f.imageCount());
            assertEquals("ops", f.images().get(0).info().creator());
            long shared = f.blobs().stream().filter(b -> !b.metadata() && b.size() == 70000).count();
            assertEquals(1, shared, "shared.bin is on every captured volume but stored once");
            BlobInfo b = f.blobs().stream().filter(x -> x.size() == 70000).findFirst().orElseThrow();
            assertEquals(expectedImages, b.refCount());
        }
    }

    private static String sha256(Path p) throws Exception {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(p)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    @Test
    void gptDiskGivesTheEspAndTheNtfsVolume() throws Exception {
        captureAndCompare("gpt.img", 2);
    }

    @Test
    void mbrDiskGivesTheEspAndBothNtfsVolumes() throws Exception {
        captureAndCompare("mbr.img", 3);
    }
}
