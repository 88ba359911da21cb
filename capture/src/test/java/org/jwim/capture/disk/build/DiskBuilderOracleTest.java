package org.jwim.capture.disk.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jwim.capture.disk.Disk;
import org.jwim.capture.disk.FileSystemKind;
import org.jwim.capture.disk.Volume;
import org.jwim.capture.testing.ApplyFixtures;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.WimlibDetailed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disks built by {@link DiskBuilder} checked with the real tools: sfdisk and sgdisk accept the
 * table, fsck.fat and ntfsfix find the volumes clean, mtools and an ntfs-3g mount show exactly
 * the source tree, and wimlib's capture of each NTFS volume lists the source image's entries
 * with the same attributes, sizes, hashes and times.
 */
class DiskBuilderOracleTest {
    @TempDir
    Path tmp;

    @Test
    void uefiLayoutPassesSfdiskSgdiskFsckNtfsfixMtoolsNtfs3gAndWimlib() throws Exception {
        requireOracles("sgdisk");
        Path wim = BuildFixtures.wim(tmp);
        Path img = tmp.resolve("uefi.img");
        DiskBuilder.gpt(256L << 20)
                .partition(PartitionSpec.esp(100L << 20).label("SYSTEM").fromImage(wim, 1))
                .partition(PartitionSpec.msr(16L << 20))
                .partition(PartitionSpec.ntfs(0).label("Windows").fromImage(wim, 2))
                .write(img);
        String dump = OracleTools.run(null, "sfdisk", "-d", img.toString());
        assertTrue(dump.contains("label: gpt"), dump);
        assertTrue(dump.contains("start=        2048, size=      204800, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B"), dump);
        assertTrue(dump.contains("name=\"Microsoft reserved partition\""), dump);
        assertEquals(List.of(), dump.lines().filter(l -> l.contains("warning") || l.contains("GPT PMBR")).toList());
        String verify = OracleTools.run(null, "sgdisk", "-v", img.toString());
        assertTrue(verify.contains("No problems found"), verify);
        checkVolumes(img, List.of(tmp.resolve("esp"), tmp.resolve("windows")), wim, List.of(1, 2));
    }

    @Test
    void mbrWithLogicalPartitionsPassesSfdiskFsckAndNtfsfix() throws Exception {
        requireOracles("sfdisk");
        Path wim = BuildFixtures.wim(tmp);
        Path dir = BuildFixtures.tree(tmp.resolve("dir"), "directory");
        Path img = tmp.resolve("mbr.img");
        DiskBuilder.mbr(300L << 20)
                .partition(PartitionSpec.ntfs(50L << 20).label("System").markActive().fromImage(wim, 1))
                .partition(PartitionSpec.fat16(40L << 20).label("SMALL").fromDirectory(dir))
                .partition(PartitionSpec.fat32(100L << 20).fromImage(wim, 2))
                .partition(PartitionSpec.ntfs(40L << 20).fromDirectory(dir))
                .partition(PartitionSpec.ntfs(0).label("Windows").fromImage(wim, 2))
                .write(img);
        String dump = OracleTools.run(null, "sfdisk", "-d", img.toString());
        assertTrue(dump.contains("label: dos"), dump);
        assertTrue(dump.contains("start=        2048, size=      102400, type=7, bootable"), dump);
        assertTrue(dump.contains("type=e"), dump);
        assertTrue(dump.contains("type=f"), dump);
        assertEquals(6, dump.lines().filter(l -> l.startsWith(img.toString())).count(), dump);
        String verify = OracleTools.run(null, "sfdisk", "--verify", img.toString());
        assertTrue(verify.contains("No errors detected") && !verify.contains("boundary"), verify);
        checkVolumes(img, List.of(tmp.resolve("esp"), dir, tmp.resolve("windows"), dir, tmp.resolve("windows")), wim,
                List.of(1, 0, 2, 0, 2));
    }

    /** The volume checkers, {@code extra} and root (for the ntfs-3g mount). */
    private static void requireOracles(String extra) {
        for (String t : new String[] {extra, "sfdisk", "fsck.fat", "ntfsfix", "mcopy", "ntfs-3g", "wimlib-imagex"}) {
            OracleTools.requireTool(t);
        }
        OracleTools.requireRoot();
    }

    /**
     * Checks each volume against its source directory; for NTFS volumes filled from a WIM
     * image ({@code images} non-zero), also wimlib's capture of the volume against that image.
     */
    private void checkVolumes(Path img, List<Path> sources, Path wim, List<Integer> images) throws Exception {
        List<Volume> vols;
        try (Disk d = Disk.open(img)) {
            vols = d.volumes().stream().filter(v -> v.fileSystem() != FileSystemKind.UNFORMATTED).toList();
        }
        assertEquals(sources.size(), vols.size());
        for (int i = 0; i < vols.size(); i++) {
            Volume v = vols.get(i);
            String want = ApplyFixtures.snapshot(sources.get(i));
            Path vol = ApplyFixtures.extract(img, v.offset(), v.length(), tmp.resolve("vol" + i + ".img"));
            if (v.fileSystem() == FileSystemKind.NTFS) {
                OracleTools.Result fix = OracleTools.runResult(null, "ntfsfix", "-n", vol.toString());
                assertEquals(0, fix.exit(), fix.output());
                assertTrue(!fix.output().toLowerCase(java.util.Locale.ROOT).contains("corrupt"), fix.output());
                assertEquals(want, mounted(vol, i), "ntfs-3g view of volume " + i);
                if (images.get(i) != 0) {
                    Path cap = tmp.resolve("wimlib" + i + ".wim");
                    OracleTools.run(null, "wimlib-imagex", "capture", vol.toString(), cap.toString(), "--compress=none");
                    Map<String, List<String>> got = detailed(cap, 1);
                    got.keySet().removeIf(k -> k.contains("\\$") || k.contains("System Volume Information"));
                    Map<String, List<String>> source = detailed(wim, images.get(i));
                    assertTrue(source.size() >= 8 && source.values().stream().anyMatch(l -> l.stream()
                            .anyMatch(f -> f.startsWith("Hash"))), "the source listing has entries and hashes");
                    assertEquals(source, got, "wimlib capture of volume " + i);
                }
            } else {
                ApplyFixtures.fsckClean(img, v.offset(), v.length(), tmp.resolve("fsck.img"));
                assertEquals(want, ApplyFixtures.tree(vol, 0, "/", tmp.resolve("mtools" + i)), "mtools view of volume " + i);
            }
            Files.delete(vol);
        }
    }

    private String mounted(Path vol, int i) throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("mnt" + i));
        OracleTools.run(null, "ntfs-3g", "-o", "ro", vol.toString(), mnt.toString());
        try {
            Path copy = tmp.resolve("copy" + i);
            OracleTools.run(null, "cp", "-a", mnt + "/.", copy.toString());
            return ApplyFixtures.snapshot(copy);
        } finally {
            OracleTools.run(null, "umount", mnt.toString());
        }
    }

    /**
     * wimlib's {@code dir --detailed} without the root: attributes, sizes, stream hashes, link
     * groups and the three times (the fields an apply carries; security descriptors - which a
     * Linux capture has none of and an NTFS volume always has - and short names are left out).
     */
    private static Map<String, List<String>> detailed(Path wim, int image) throws Exception {
        Map<String, List<String>> out = WimlibDetailed.of(wim, image, line -> line.startsWith("Attributes")
                || line.startsWith("Hash") || line.startsWith("Uncompressed size") || line.startsWith("Creation Time")
                || line.startsWith("Last Write Time") || line.startsWith("Last Access Time")
                || line.startsWith("Number of Streams"));
        out.keySet().removeIf(k -> k.endsWith("\"\\\""));
        return out;
    }
}
