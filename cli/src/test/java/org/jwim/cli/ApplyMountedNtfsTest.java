package org.jwim.cli;

import org.jwim.capture.testing.ApplyFixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jwim.capture.Capture;
import org.jwim.capture.testing.OracleTools;
import org.jwim.cli.Jwim;
import org.jwim.capture.disk.Disk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both images of a captured disk applied in sequence: the FAT32 ESP raw, the NTFS volume
 * through an ntfs-3g mount of a loop device (root only; skipped visibly when no loop device
 * can be set up). The NTFS result is compared with {@code jwim apply} of the same image to a
 * plain directory.
 */
class ApplyMountedNtfsTest {
    private static final long NTFS_OFFSET = 116736L * 512;
    private static final long NTFS_LENGTH = 24L << 20;

    @TempDir
    Path tmp;

    @Test
    void sequentialApplyWithTheNtfsVolumeMounted() throws Exception {
        OracleTools.requireRoot();
        OracleTools.requireTool("losetup");
        OracleTools.requireTool("ntfs-3g");
        Path src = ApplyFixtures.gptDisk(Files.createDirectories(tmp.resolve("src")));
        Path wim = tmp.resolve("disk.wim");
        try (Disk d = Disk.open(src)) {
            Capture.disk(d).to(wim).run();
        }
        Path dst = ApplyFixtures.gptDisk(Files.createDirectories(tmp.resolve("dst")));
        OracleTools.Result lo = OracleTools.runResult(null, "losetup", "-f", "--show", "-o", Long.toString(NTFS_OFFSET),
                "--sizelimit", Long.toString(NTFS_LENGTH), dst.toString());
        OracleTools.requireEnvironment(lo.exit() == 0, "no loop device: " + lo.output());
        String loop = lo.output().trim();
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        boolean mounted = false;
        try {
            OracleTools.run(null, "ntfs-3g", loop, mnt.toString());
            mounted = true;
            Files.createDirectories(mnt.resolve("_SMSTaskSequence/StateStore"));
            Files.writeString(mnt.resolve("_SMSTaskSequence/StateStore/state.txt"), "user state\n");
            Files.createDirectories(mnt.resolve("Users/old"));
            Files.writeString(mnt.resolve("Users/old/ntuser.dat"), "old profile");

            Jwim.Result r = Jwim.warned("not applied (not supported by this target)", "apply-disk", wim, dst,
                    "--mounted", "3=" + mnt);
            assertTrue(r.out().contains("Image 1 -> volume 1 (FAT32)") && r.out().contains("Image 2 -> " + mnt),
                    r.toString());
            assertTrue(r.out().contains("wiped: Users, hello.txt, shared.bin"), r.toString());

            Path plain = tmp.resolve("plain");
            Jwim.warned("not applied (not supported by this target)", "apply", wim, "2", plain);
            Path copy = tmp.resolve("mntcopy");
            Jwim.ok("capture", mnt, tmp.resolve("mnt.wim"));
            Jwim.ok("apply", tmp.resolve("mnt.wim"), copy);
            assertEquals("user state\n", Files.readString(copy.resolve("_SMSTaskSequence/StateStore/state.txt")));
            assertFalse(Files.exists(mnt.resolve("Users/old")), "the old profile was wiped");
            // the volume holds exactly the image plus the protected folder (checked above)
            try (var s = Files.walk(copy.resolve("_SMSTaskSequence"))) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
            assertEquals(ApplyFixtures.snapshot(plain), ApplyFixtures.snapshot(copy));
        } finally {
            if (mounted) {
                OracleTools.runResult(null, "umount", mnt.toString());
            }
            OracleTools.runResult(null, "losetup", "-d", loop);
        }
        ApplyFixtures.fsckClean(dst, ApplyFixtures.ESP_OFFSET, ApplyFixtures.ESP_LENGTH, tmp.resolve("esp.img"));
        assertEquals(ApplyFixtures.tree(src, ApplyFixtures.ESP_OFFSET, "/", tmp.resolve("s")),
                ApplyFixtures.tree(dst, ApplyFixtures.ESP_OFFSET, "/", tmp.resolve("d")));
    }
}
