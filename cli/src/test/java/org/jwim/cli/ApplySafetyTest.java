package org.jwim.cli;

import org.jwim.capture.testing.ApplyFixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwim.capture.testing.TestTrees.dir;
import static org.jwim.capture.testing.TestTrees.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jwim.capture.Apply;
import org.jwim.capture.CaptureException;
import org.jwim.capture.DiskApplyReport;
import org.jwim.capture.testing.TestTrees;
import org.jwim.capture.disk.Disk;
import org.jwim.capture.apply.ApplyOptions;
import org.jwim.capture.apply.FatVolumeTarget;
import org.jwim.capture.apply.Protection;
import org.jwim.wim.WimFile;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.Inode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile images and failures midway: names that try to leave the target or to reach the
 * protected folder by case, trailing dots, short-name aliases or "..", a target volume too
 * small, and a corrupt blob.
 */
class ApplySafetyTest {
    @TempDir
    Path tmp;

    private Path wim(String name, Dentry... tops) throws Exception {
        return TestTrees.wim(tmp.resolve(name), tops);
    }

    /** Names the WIM reader accepts but that alias the protected folder or are illegal on FAT, and {@code extra}. */
    private Path hostileWim(Dentry... extra) throws Exception {
        Dentry sub = dir("sub");
        sub.add(file("what?.txt", "question".getBytes()));
        sub.add(file("fine.txt", "fine".getBytes()));
        Dentry evilDir = dir("_smstasksequence");
        evilDir.add(file("evil.txt", "evil".getBytes()));
        List<Dentry> tops = new java.util.ArrayList<>(List.of(evilDir, file("_SMSTA~1", "alias".getBytes()),
                file("_SMSTaskSequence. ", "dots".getBytes()), file("c:x", "colon".getBytes()),
                file("NUL.txt", "device".getBytes()), file("ok.txt", "ok".getBytes()), sub));
        tops.addAll(List.of(extra));
        return wim("hostile.wim", tops.toArray(Dentry[]::new));
    }

    /** Path components the reader itself refuses: the apply stops before anything is wiped. */
    @Test
    void traversalNamesStopTheApplyBeforeAnythingIsWiped() throws Exception {
        for (String bad : List.of("..", "a/b", "x\\..\\y", ".")) {
            Dentry sub = dir("sub");
            sub.add(file(bad, "bad".getBytes()));
            Path wimPath = wim("bad.wim", file("ok.txt", "ok".getBytes()), sub);
            Path img = fatWithProtected("32", 34);
            String hash = ApplyDiskTest.sha256(img);
            Path vol = Files.createDirectories(tmp.resolve("vol"));
            Files.writeString(vol.resolve("old.txt"), "old");
            try (WimFile w = WimFile.open(wimPath); Disk d = Disk.openWritable(img)) {
                IOException e = assertThrows(IOException.class, () -> Apply.wim(w).toDisk(d).run());
                assertTrue(e.getMessage().contains("unsafe dentry name"), e.getMessage());
                assertThrows(IOException.class, () -> Apply.wim(w).toDirectories(vol).force(true).run());
            }
            assertEquals(hash, ApplyDiskTest.sha256(img), bad);
            assertEquals("old", Files.readString(vol.resolve("old.txt")), bad);
            Files.delete(img);
            Files.delete(vol.resolve("old.txt"));
            Files.delete(wimPath);
            for (Path q : List.of(tmp.resolve("p/_SMSTaskSequence/keep.txt"), tmp.resolve("p/_SMSTaskSequence"),
                    tmp.resolve("p/other.txt"), tmp.resolve("p"))) {
                Files.delete(q);
            }
        }
    }

    private Path fatWithProtected(String bits, int mib) throws Exception {
        Path img = ApplyFixtures.bareFat(tmp.resolve("fat" + bits + ".img"), bits, mib);
        Path prot = Files.createDirectories(tmp.resolve("p/_SMSTaskSequence"));
        Files.writeString(prot.resolve("keep.txt"), "state\n");
        Files.writeString(tmp.resolve("p/other.txt"), "other\n");
        ApplyFixtures.mtools("mcopy", "-s", "-i", img.toString(), prot.toString(),
                tmp.resolve("p/other.txt").toString(), "::/");
        return img;
    }

    @Test
    void hostileNamesNeitherEscapeNorReachTheProtectedFolderOnRawFat() throws Exception {
        Path wimPath = hostileWim();
        Path img = fatWithProtected("32", 34);
        String before = ApplyFixtures.tree(img, 0, "/_SMSTaskSequence", tmp.resolve("b"));
        DiskApplyReport r;
        try (WimFile w = WimFile.open(wimPath); Disk d = Disk.openWritable(img)) {
            r = Apply.wim(w).toDisk(d).run();
        }
        assertEquals(before, ApplyFixtures.tree(img, 0, "/_SMSTaskSequence", tmp.resolve("a")));
        ApplyFixtures.fsckClean(img, 0, Files.size(img), tmp.resolve("check.img"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        ApplyFixtures.tree(img, 0, "/", out);
        try (var s = Files.list(out)) {
            assertEquals(List.of("_SMSTaskSequence", "ok.txt", "sub"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (var s = Files.list(out.resolve("sub"))) {
            assertEquals(List.of("fine.txt"), s.map(p -> p.getFileName().toString()).toList(), "what?.txt is illegal on FAT");
        }
        DiskApplyReport.VolumeResult v = r.volumes().get(0);
        assertEquals(List.of("_SMSTaskSequence"), v.kept());
        assertEquals(List.of("other.txt"), v.wiped());
        assertTrue(v.skipped().containsAll(List.of("_smstasksequence", "_SMSTA~1", "_SMSTaskSequence. ")), v.skipped().toString());
        String warnings = r.warnings().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("\n"));
        for (String bad : List.of("/c:x", "/sub/what?.txt", "/NUL.txt")) {
            assertTrue(warnings.contains(bad + ": cannot be stored on FAT"), bad + " not reported in " + warnings);
        }
    }

    @Test
    void hostileNamesNeitherEscapeNorReachTheProtectedFolderInADirectory() throws Exception {
        Dentry link = dir("link"); // the volume has a symbolic link of that name pointing outside
        link.add(file("escape.txt", "escaped".getBytes()));
        Path wimPath = hostileWim(link);
        Path vol = Files.createDirectories(tmp.resolve("vol"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("precious.txt"), "precious");
        Files.createDirectories(vol.resolve("_SMSTaskSequence"));
        Files.writeString(vol.resolve("_SMSTaskSequence/keep.txt"), "state\n");
        Files.createDirectories(vol.resolve("Windows/deep"));
        Files.writeString(vol.resolve("Windows/deep/old.txt"), "old");
        Files.createSymbolicLink(vol.resolve("link"), outside);
        Files.createSymbolicLink(vol.resolve("Windows/deep/link2"), outside);
        try (WimFile w = WimFile.open(wimPath)) {
            Apply.wim(w).toDirectories(vol).force(true).run();
        }
        assertEquals("precious", Files.readString(outside.resolve("precious.txt")), "links were not followed");
        try (var s = Files.list(outside)) {
            assertEquals(1, s.count());
        }
        assertFalse(Files.exists(outside.resolve("escape.txt")));
        assertFalse(Files.isSymbolicLink(vol.resolve("link")));
        assertEquals("escaped", Files.readString(vol.resolve("link/escape.txt")));
        try (var s = Files.list(vol.resolve("_SMSTaskSequence"))) {
            assertEquals(List.of("keep.txt"), s.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals("state\n", Files.readString(vol.resolve("_SMSTaskSequence/keep.txt")));
        try (var s = Files.list(vol)) {
            assertEquals(List.of("NUL.txt", "_SMSTaskSequence", "c:x", "link", "ok.txt", "sub"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void fullVolumeStopsNamingTheFileAndLeavesACleanVolume() throws Exception {
        Dentry big = dir("big");
        big.add(file("huge.bin", TestTrees.pattern(20 << 20, 3)));
        Path wimPath = wim("big.wim", file("small.txt", "small".getBytes()), big);
        Path img = fatWithProtected("16", 16);
        String before = ApplyFixtures.tree(img, 0, "/_SMSTaskSequence", tmp.resolve("b"));
        byte[] untouched = Files.readAllBytes(img);
        try (WimFile w = WimFile.open(wimPath); Disk d = Disk.openWritable(img)) {
            // the front door refuses before the wipe
            CaptureException e = assertThrows(CaptureException.class, () -> Apply.wim(w).toDisk(d).map(1, 1).run());
            assertTrue(e.getMessage().matches("image 1 needs 20\\.\\d MiB, volume 1 \\(FAT16\\) has 15\\.\\d MiB free"
                    + " after the wipe; nothing was changed"), e.getMessage());
            assertTrue(java.util.Arrays.equals(untouched, Files.readAllBytes(img)), "nothing was written");
            // the target itself still stops cleanly when the volume fills up
            try (FatVolumeTarget t = FatVolumeTarget.open(d.channel(), 0, d.size(), Protection.defaults())) {
                IOException full = assertThrows(IOException.class,
                        () -> t.apply(w.readImage(1), w::openBlob, ApplyOptions.defaults()));
                assertTrue(full.getMessage().contains("/big/huge.bin") && full.getMessage().contains("full"),
                        full.getMessage());
            }
        }
        ApplyFixtures.fsckClean(img, 0, Files.size(img), tmp.resolve("check.img"));
        assertEquals(before, ApplyFixtures.tree(img, 0, "/_SMSTaskSequence", tmp.resolve("a")));
    }

    @Test
    void corruptBlobStopsNamingTheFile() throws Exception {
        byte[] data = TestTrees.pattern(300_000, 9);
        Dentry d = dir("data");
        d.add(file("file.bin", data));
        Path wimPath = wim("corrupt.wim", d);
        byte[] wimBytes = Files.readAllBytes(wimPath);
        int at = indexOf(wimBytes, java.util.Arrays.copyOfRange(data, 1000, 1064));
        assertTrue(at > 0, "blob bytes found in the uncompressed WIM");
        wimBytes[at + 10] ^= 0x40;
        Files.write(wimPath, wimBytes);
        Path img = fatWithProtected("32", 34);
        try (WimFile w = WimFile.open(wimPath); Disk disk = Disk.openWritable(img)) {
            CaptureException e = assertThrows(CaptureException.class, () -> Apply.wim(w).toDisk(disk).run());
            assertTrue(e.getMessage().contains("/data/file.bin") && e.getMessage().contains("corrupt")
                    && e.getMessage().contains("1 file(s) not yet written were left empty"), e.getMessage());
        }
        ApplyFixtures.fsckClean(img, 0, Files.size(img), tmp.resolve("check.img"));
        String listing = ApplyFixtures.mtools("mdir", "-i", img.toString(), "::/data");
        assertTrue(listing.matches("(?s).*file\\s+bin\\s+0 .*"), "the unwritten file is empty:\n" + listing);
    }

    @Test
    void protectionCannotBeBypassedAndRefusesDotDot() {
        Protection p = Protection.of(List.of("C:\\_SMSTaskSequence\\StateStore", "/Deploy/"));
        assertEquals(List.of("_SMSTaskSequence", "Deploy"), p.names());
        for (String alias : List.of("_smstasksequence", "_SMSTASKSEQUENCE", "_SMSTaskSequence.", "_SMSTaskSequence . ",
                "deploy")) {
            assertTrue(p.matches(alias), alias);
        }
        assertFalse(p.matches("_SMSTaskSequence2"));
        for (String alias : List.of("_SMSTA~1", "_smsta~2", "_SMSTA~12", "DEPLOY~1", "deploy~3.x")) {
            assertTrue(p.matches(new Dentry(alias, new Inode(0))), alias);
        }
        assertFalse(p.matches(new Dentry("OTHER~1", new Inode(0))));
        assertFalse(p.matches(new Dentry("_SMSTB~1", new Inode(0))));
        assertFalse(p.matches(".."));
        assertThrows(IllegalArgumentException.class, () -> Protection.of(List.of("..")));
        assertThrows(IllegalArgumentException.class, () -> Protection.of(List.of("a/../b")));
        assertThrows(IllegalArgumentException.class, () -> Protection.of(List.of("...")));
        assertThrows(IllegalArgumentException.class, () -> Protection.of(List.of("/")));
        assertTrue(Protection.defaults().plus(Protection.MDT).matches("system volume information"));
    }

    @Test
    void countMismatchIsReportedBeforeAnythingIsWiped() throws Exception {
        Path wimPath = wim("two.wim", file("a.txt", "a".getBytes()));
        Path img = fatWithProtected("32", 34);
        String hash = ApplyDiskTest.sha256(img);
        try (WimFile w = WimFile.open(wimPath); Disk d = Disk.openWritable(img)) {
            CaptureException e = assertThrows(CaptureException.class,
                    () -> Apply.wim(w).toDisk(d).map(1, 1).map(2, 1).run());
            assertTrue(e.getMessage().contains("image 2 does not exist") && e.getMessage().contains("nothing was wiped"),
                    e.getMessage());
            CaptureException e2 = assertThrows(CaptureException.class,
                    () -> Apply.wim(w).toDirectories(tmp, tmp).run());
            assertTrue(e2.getMessage().contains("the WIM has 1 image(s) but the target has 2"), e2.getMessage());
        }
        assertEquals(hash, ApplyDiskTest.sha256(img));
    }

    @Test
    void cliRejectsMalformedMappingsBeforeWriting() throws Exception {
        Path wimPath = wim("one.wim", file("a.txt", "a".getBytes()));
        Path vol = Files.createDirectories(tmp.resolve("vol"));
        Files.writeString(vol.resolve("old.txt"), "old");
        for (String[] bad : List.of(new String[] {"--map", "x"}, new String[] {"--map", "1=y"},
                new String[] {"--mounted", "DIR"}, new String[] {"--map", "2=1"})) {
            org.jwim.cli.Jwim.Result r = org.jwim.cli.Jwim.run("apply-disk", wimPath, vol, bad[0], bad[1], "--force");
            boolean malformed = !bad[1].equals("2=1");
            assertEquals(malformed ? 2 : 1, r.exit(), "a malformed mapping is a usage error: " + r);
            assertTrue(r.err().contains("expected") || r.err().contains("image 2 does not exist"), r.toString());
        }
        assertEquals("old", Files.readString(vol.resolve("old.txt")));
        org.jwim.cli.Jwim.Result ok = org.jwim.cli.Jwim.ok("apply-disk", wimPath, vol, "--protect",
                "old.txt", "--force");
        assertTrue(ok.out().contains("kept: old.txt") && ok.out().contains("restored: 0 directories, 1 files"), ok.toString());
        assertEquals("a", Files.readString(vol.resolve("a.txt")));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
