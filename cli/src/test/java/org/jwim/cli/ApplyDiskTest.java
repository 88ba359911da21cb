package org.jwim.cli;

import org.jwim.capture.testing.ApplyFixtures;
import org.jwim.capture.testing.TestTrees;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jwim.capture.Capture;
import org.jwim.cli.Jwim;
import org.jwim.capture.disk.Disk;
import org.jwim.fat.FatEntry;
import org.jwim.fat.FatVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ConfigMgr round trip: capture a disk made by make-disks.sh, then apply its FAT32 image
 * raw to a second disk of the same layout whose ESP holds other files and a
 * _SMSTaskSequence folder. Checked with mtools (names, bytes), fsck.fat and jwim's reader
 * (attributes and times).
 */
class ApplyDiskTest {
    @TempDir
    Path tmp;

    @Test
    void fat32RoundTripKeepsProtectedFolderAndRemovesEverythingElse() throws Exception {
        Path src = ApplyFixtures.gptDisk(Files.createDirectories(tmp.resolve("src")));
        Path wim = tmp.resolve("disk.wim");
        try (Disk d = Disk.open(src)) {
            Capture.disk(d).to(wim).run();
        }
        Path dst = ApplyFixtures.gptDisk(Files.createDirectories(tmp.resolve("dst")));
        long off = ApplyFixtures.ESP_OFFSET;
        String img = ApplyFixtures.at(dst, off);
        Path old = Files.createDirectories(tmp.resolve("old"));
        Path prot = Files.createDirectories(old.resolve("_SMSTaskSequence/StateStore"));
        Files.write(prot.resolve("usmt.mig"), org.jwim.capture.testing.TestTrees.pattern(150_000, 5));
        Files.writeString(old.resolve("_SMSTaskSequence/TSEnv.dat"), "environment\n");
        Files.createDirectories(old.resolve("Windows/System32"));
        Files.write(old.resolve("Windows/System32/ntoskrnl.exe"), org.jwim.capture.testing.TestTrees.pattern(300_000, 6));
        Files.writeString(old.resolve("junk.txt"), "old junk\n");
        ApplyFixtures.mtools("mcopy", "-s", "-i", img, old.resolve("_SMSTaskSequence").toString(),
                old.resolve("Windows").toString(), old.resolve("junk.txt").toString(), "::/");
        String protBefore = ApplyFixtures.tree(dst, off, "/_SMSTaskSequence", tmp.resolve("pb"))
                + listing(dst, off, "_SMSTaskSequence");
        String hash = sha256(dst);

        // image 1 (FAT32) mapped to volume 3 (NTFS): refused before anything is wiped
        Jwim.Result refused = Jwim.run("apply-disk", wim, dst, "--map", "1=3");
        assertEquals(1, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("nothing was wiped")
                && refused.err().contains("image 1 was captured from FAT32 but volume 3 (NTFS) is NTFS"),
                refused.toString());
        assertEquals(hash, sha256(dst));

        Jwim.Result dry = Jwim.ok("apply-disk", wim, dst, "--map", "1=1", "--dry-run");
        assertTrue(dry.out().contains("Image 1 -> volume 1 (FAT32) (dry run)"), dry.toString());
        assertTrue(dry.out().contains("would wipe: ") && dry.out().contains("junk.txt")
                && dry.out().contains("Windows"), dry.toString());
        assertTrue(dry.out().contains("kept: _SMSTaskSequence"), dry.toString());
        assertTrue(dry.out().contains("would restore: 2 directories, 2 files, 70013 bytes"), dry.toString());
        assertEquals(hash, sha256(dst));

        Jwim.Result r = Jwim.ok("apply-disk", wim, dst, "--map", "1=1");
        assertTrue(r.out().contains("restored: 2 directories, 2 files, 0 hard links, 70013 bytes"), r.toString());
        ApplyFixtures.fsckClean(dst, off, ApplyFixtures.ESP_LENGTH, tmp.resolve("esp.img"));
        assertEquals(protBefore, ApplyFixtures.tree(dst, off, "/_SMSTaskSequence", tmp.resolve("pa"))
                + listing(dst, off, "_SMSTaskSequence"));
        Path outDst = tmp.resolve("outDst");
        ApplyFixtures.tree(dst, off, "/", outDst);
        org.jwim.capture.apply.DirectoryWipe.wipe(outDst, org.jwim.capture.apply.Protection.of(
                List.of("EFI", "shared.bin")), false); // drop _SMSTaskSequence from the copy
        String srcTree = ApplyFixtures.tree(src, off, "/", tmp.resolve("outSrc"));
        assertEquals(srcTree, ApplyFixtures.snapshot(outDst), "the ESP holds exactly the source's tree");
        assertEquals(metadata(src, null), metadata(dst, "_SMSTaskSequence"),
                "names, attributes and times as on the source volume");
    }

    private static String listing(Path img, long off, String dir) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String line : ApplyFixtures.mtools("mdir", "-/", "-i", ApplyFixtures.at(img, off), "::/" + dir).split("\n")) {
            if (!line.contains("bytes free")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    /** Every entry of the ESP as jwim's reader sees it, without {@code skipRoot}. */
    static String metadata(Path disk, String skipRoot) throws Exception {
        List<String> lines = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(disk)) {
            FatVolume v = FatVolume.open(ch, ApplyFixtures.ESP_OFFSET, ApplyFixtures.ESP_LENGTH);
            ArrayDeque<FatEntry> stack = new ArrayDeque<>();
            stack.push(v.root());
            while (!stack.isEmpty()) {
                for (FatEntry e : v.list(stack.pop())) {
                    if (e.path().equalsIgnoreCase("/" + skipRoot)) {
                        continue;
                    }
                    lines.add(e.path() + " attrs=" + Integer.toHexString(e.attributes()) + " size=" + e.size()
                            + " c=" + e.creationTime() + " w=" + e.lastWriteTime() + " a=" + e.lastAccessDate());
                    if (e.isDirectory()) {
                        stack.push(e);
                    }
                }
            }
        }
        lines.sort(null);
        return String.join("\n", lines);
    }

    static String sha256(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(p)) {
            byte[] b = new byte[1 << 20];
            int n;
            while ((n = in.read(b)) > 0) {
                md.update(b, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
