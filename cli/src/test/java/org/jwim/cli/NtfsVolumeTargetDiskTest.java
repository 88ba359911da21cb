package org.jwim.cli;

import org.jwim.capture.testing.ApplyFixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jwim.capture.Capture;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TestTrees;
import org.jwim.cli.Jwim;
import org.jwim.capture.disk.Disk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * apply-disk in one run onto a GPT disk with a FAT32 and an NTFS volume, both raw: each
 * volume keeps its {@code _SMSTaskSequence} folder byte for byte, loses everything else, and
 * holds its source volume's files; the NTFS volume is clean for {@code ntfsfix -n}.
 */
class NtfsVolumeTargetDiskTest {
    private static final long NTFS_OFFSET = 116736L * 512;
    private static final long NTFS_LENGTH = 24L << 20;

    @TempDir
    Path tmp;

    @Test
    void applyDiskWritesFatAndNtfsVolumesKeepingTheProtectedFolders() throws Exception {
        for (String tool : new String[] {"ntfs-3g", "ntfsfix", "ntfscat", "ntfsls"}) {
            OracleTools.requireTool(tool);
        }
        OracleTools.requireRoot();
        Path src = ApplyFixtures.gptDisk(Files.createDirectories(tmp.resolve("src")));
        Path wim = tmp.resolve("disk.wim");
        try (Disk d = Disk.open(src)) {
            Capture.disk(d).to(wim).run();
        }
        Path dst = ApplyFixtures.gptDisk(Files.createDirectories(tmp.resolve("dst")));
        // old content of the target NTFS volume: junk and a protected folder
        Path vol = ApplyFixtures.extract(dst, NTFS_OFFSET, NTFS_LENGTH, tmp.resolve("ntfs.img"));
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        OracleTools.run(null, "ntfs-3g", vol.toString(), mnt.toString());
        try {
            Files.createDirectories(mnt.resolve("_SMSTaskSequence/Packages"));
            Files.write(mnt.resolve("_SMSTaskSequence/Packages/pkg.cab"), TestTrees.pattern(1_500_000, 11));
            Files.writeString(mnt.resolve("_SMSTaskSequence/TSEnv.dat"), "ts environment\n");
            Files.write(mnt.resolve("junk.bin"), TestTrees.pattern(400_000, 12));
        } finally {
            OracleTools.run(null, "umount", mnt.toString());
        }
        putBack(vol, dst, NTFS_OFFSET);
        String esp = ApplyFixtures.at(dst, ApplyFixtures.ESP_OFFSET);
        Path old = Files.createDirectories(tmp.resolve("old/_SMSTaskSequence"));
        Files.writeString(old.resolve("TSEnv.dat"), "fat environment\n");
        ApplyFixtures.mtools("mcopy", "-s", "-i", esp, old.toString(), "::/");

        String before = ApplyDiskTest.sha256(dst);
        Jwim.Result dry = Jwim.ok("apply-disk", wim, dst, "--dry-run");
        assertTrue(dry.out().contains("Image 2 -> volume 3 (NTFS) (dry run)") && dry.out().contains("junk.bin"),
                dry.toString());
        assertEquals(before, ApplyDiskTest.sha256(dst), "a dry run writes nothing");

        Jwim.Result r = Jwim.ok("apply-disk", wim, dst);
        assertTrue(r.out().contains("Image 1 -> volume 1 (FAT32)") && r.out().contains("Image 2 -> volume 3 (NTFS)"),
                r.toString());
        assertTrue(r.out().contains("kept: _SMSTaskSequence"), r.toString());

        ApplyFixtures.fsckClean(dst, ApplyFixtures.ESP_OFFSET, ApplyFixtures.ESP_LENGTH, tmp.resolve("esp.img"));
        assertEquals("fat environment\n", ApplyFixtures.mtools("mtype", "-i", esp, "::/_SMSTaskSequence/TSEnv.dat"));

        Path after = ApplyFixtures.extract(dst, NTFS_OFFSET, NTFS_LENGTH, tmp.resolve("after.img"));
        String fix = OracleTools.run(null, "ntfsfix", "-n", after.toString());
        assertTrue(fix.contains("processed successfully"), fix);
        String ls = OracleTools.run(null, "ntfsls", after.toString());
        assertFalse(ls.contains("junk.bin"), ls);
        assertTrue(ls.contains("hello.txt") && ls.contains("shared.bin") && ls.contains("_SMSTaskSequence"), ls);
        OracleTools.run(null, "ntfs-3g", "-o", "ro", after.toString(), mnt.toString());
        try {
            assertEquals("hello from SYSTEM\n", Files.readString(mnt.resolve("hello.txt")));
            assertEquals("ts environment\n", Files.readString(mnt.resolve("_SMSTaskSequence/TSEnv.dat")));
            assertTrue(java.util.Arrays.equals(TestTrees.pattern(1_500_000, 11),
                    Files.readAllBytes(mnt.resolve("_SMSTaskSequence/Packages/pkg.cab"))));
        } finally {
            OracleTools.run(null, "umount", mnt.toString());
        }
        Path srcVol = ApplyFixtures.extract(src, NTFS_OFFSET, NTFS_LENGTH, tmp.resolve("srcvol.img"));
        assertEquals(OracleTools.run(null, "ntfscat", srcVol.toString(), "shared.bin"),
                OracleTools.run(null, "ntfscat", after.toString(), "shared.bin"));
    }

    private static void putBack(Path vol, Path disk, long offset) throws Exception {
        try (FileChannel in = FileChannel.open(vol); FileChannel out = FileChannel.open(disk, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 20);
            long pos = 0;
            while (true) {
                b.clear();
                int n = in.read(b, pos);
                if (n <= 0) {
                    break;
                }
                b.flip();
                while (b.hasRemaining()) {
                    out.write(b, offset + pos + b.position());
                }
                pos += n;
            }
        }
    }
}
