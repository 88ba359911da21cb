package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwim.capture.testing.TestTrees.dir;
import static org.jwim.capture.testing.TestTrees.file;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.Apply;
import org.jwim.capture.CaptureException;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TestTrees;
import org.jwim.wim.WimFile;
import org.jwim.wim.model.Dentry;

/**
 * Directory targets with real mounts and permissions: a wipe and an apply stay on the target's
 * file system, apply-disk takes only a volume's root, a failed wipe names what it removed, a
 * read-only or foreign-owned target does not end with exit code 0, a re-apply replaces what
 * the image holds (or, with --no-clobber, keeps it and exits 3).
 */
class DirectoryApplySafetyTest {
    private static final int NOBODY = 65534;

    @TempDir
    Path tmp;

    private final List<Path> mounts = new ArrayList<>();
    private final List<Path> immutable = new ArrayList<>();

    @AfterEach
    void unmount() throws Exception {
        for (Path p : immutable) {
            OracleTools.runResult(null, "chattr", "-i", p.toString());
        }
        for (int i = mounts.size() - 1; i >= 0; i--) {
            OracleTools.run(null, "umount", mounts.get(i).toString());
        }
    }

    private void mountTmpfs(Path at, String... options) throws Exception {
        OracleTools.requireRoot();
        OracleTools.requireTool("mount");
        Files.createDirectories(at);
        List<String> cmd = new ArrayList<>(List.of("mount", "-t", "tmpfs", "-o",
                String.join(",", List.of(options).isEmpty() ? List.of("size=16m") : List.of(options)), "tmpfs",
                at.toString()));
        OracleTools.run(null, cmd.toArray(new String[0]));
        mounts.add(at);
    }

    private Path wim(String name, Dentry... tops) throws Exception {
        return TestTrees.wim(tmp.resolve(name), tops);
    }

    private Path simpleWim() throws Exception {
        return wim("simple.wim", file("a.txt", "from the image".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void nestedMountsAreNeitherWipedNorWritten() throws Exception {
        Path vol = tmp.resolve("vol");
        mountTmpfs(vol);
        mountTmpfs(vol.resolve("inner"));
        mountTmpfs(vol.resolve("deep/m"));
        Files.writeString(vol.resolve("inner/keep.txt"), "keep");
        Files.writeString(vol.resolve("deep/m/keep2.txt"), "keep2");
        Files.writeString(vol.resolve("deep/old-beside-mount.txt"), "old");
        Files.writeString(vol.resolve("old.txt"), "old");
        Dentry inner = dir("inner");
        inner.add(file("new.txt", "new".getBytes()));
        Dentry deep = dir("deep");
        Dentry m = dir("m");
        m.add(file("new2.txt", "new2".getBytes()));
        deep.add(m);
        Path wimPath = wim("nested.wim", file("a.txt", "a".getBytes()), inner, deep);

        Jwim.Result r = Jwim.run("apply-disk", wimPath, vol);

        assertEquals(3, r.exit(), "completed, but the image's entries below the mounts were skipped: " + r);
        assertTrue(r.err().contains("another file system is mounted here"), r.err());
        assertEquals("keep", Files.readString(vol.resolve("inner/keep.txt")));
        assertEquals("keep2", Files.readString(vol.resolve("deep/m/keep2.txt")));
        assertFalse(Files.exists(vol.resolve("inner/new.txt")), "written into a nested mount");
        assertFalse(Files.exists(vol.resolve("deep/m/new2.txt")), "written into a nested mount");
        assertFalse(Files.exists(vol.resolve("old.txt")));
        assertFalse(Files.exists(vol.resolve("deep/old-beside-mount.txt")), "wiped around the mount");
        assertEquals("a", Files.readString(vol.resolve("a.txt")));
    }

    @Test
    void applyDiskTakesOnlyTheRootOfAMountedFileSystem() throws Exception {
        Path wimPath = simpleWim();
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        Files.writeString(plain.resolve("old.txt"), "old");

        Jwim.Result refused = Jwim.run("apply-disk", wimPath, plain);
        assertEquals(1, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("is not the root of a mounted file system")
                && refused.err().contains("--force"), refused.err());
        assertEquals("old", Files.readString(plain.resolve("old.txt")), "nothing was wiped");
        try (WimFile w = WimFile.open(wimPath)) {
            CaptureException e = assertThrows(CaptureException.class, () -> Apply.wim(w).toDirectories(plain).run());
            assertTrue(e.getMessage().contains("not the root of a mounted file system"), e.getMessage());
        }
        assertEquals("old", Files.readString(plain.resolve("old.txt")), "nothing was wiped");

        Jwim.Result root = Jwim.run("apply-disk", wimPath, "/", "--dry-run");
        assertEquals(1, root.exit(), root.toString());
        assertTrue(root.err().contains("/ is the root of the running system"), root.err());

        Jwim.Result forced = Jwim.run("apply-disk", wimPath, plain, "--force");
        assertEquals(0, forced.exit(), forced.toString());
        assertFalse(Files.exists(plain.resolve("old.txt")));
        assertEquals("from the image", Files.readString(plain.resolve("a.txt")));
    }

    @Test
    void aWipeThatFailsMidwaySaysWhatItAlreadyRemoved() throws Exception {
        OracleTools.requireRoot();
        OracleTools.requireTool("chattr");
        Path vol = Files.createDirectories(tmp.resolve("vol"));
        Files.writeString(vol.resolve("a.txt"), "a");
        Files.createDirectories(vol.resolve("b"));
        Path stuck = Files.writeString(vol.resolve("b/stuck.txt"), "stuck");
        Files.writeString(vol.resolve("c.txt"), "c");
        OracleTools.Result chattr = OracleTools.runResult(null, "chattr", "+i", stuck.toString());
        if (chattr.exit() != 0) {
            String why = "chattr +i not supported on " + tmp + ": " + chattr.output();
            if (OracleTools.required()) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        immutable.add(stuck);

        Jwim.Result r = Jwim.run("apply-disk", simpleWim(), vol, "--force");

        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("wipe stopped at b/stuck.txt (Operation not permitted)")
                && r.err().contains("already removed: a.txt (and possibly part of b)"), r.err());
        assertEquals("c", Files.readString(vol.resolve("c.txt")), "the wipe stopped at the failure");
    }

    @Test
    void aReadOnlyTargetFailsInsteadOfExitingZero() throws Exception {
        Path ro = tmp.resolve("ro");
        mountTmpfs(ro, "ro", "size=1m");
        Path wimPath = simpleWim();
        for (String command : List.of("apply", "apply-disk")) {
            Jwim.Result r = Jwim.run(command, wimPath, ro);
            assertEquals(1, r.exit(), command + ": " + r);
            assertTrue(r.err().contains("read-only file system"), r.err());
        }
    }

    @Test
    void reapplyReplacesWhatTheImageHoldsAndNoClobberKeepsIt() throws Exception {
        Dentry sub = dir("sub");
        sub.add(file("b.txt", "image b".getBytes()));
        Path wimPath = wim("re.wim", file("a.txt", "image a".getBytes()), file("link.txt", "image link".getBytes()), sub);
        Path out = tmp.resolve("out");
        assertEquals(0, Jwim.run("apply", wimPath, out).exit());
        Path outside = Files.createDirectories(tmp.resolve("outside")).resolve("precious.txt");
        Files.writeString(outside, "precious");
        Files.writeString(out.resolve("a.txt"), "stale a");
        Files.setLastModifiedTime(out.resolve("a.txt"), FileTime.fromMillis(1_000_000_000_000L));
        Files.delete(out.resolve("link.txt"));
        Files.createSymbolicLink(out.resolve("link.txt"), outside);
        Files.writeString(out.resolve("sub/b.txt"), "stale b");
        Files.writeString(out.resolve("mine.txt"), "not in the image");

        Jwim.Result replaced = Jwim.run("apply", wimPath, out);
        assertEquals(0, replaced.exit(), replaced.toString());
        assertEquals("image a", Files.readString(out.resolve("a.txt")));
        assertFalse(Files.isSymbolicLink(out.resolve("link.txt")));
        assertEquals("image link", Files.readString(out.resolve("link.txt")));
        assertEquals("precious", Files.readString(outside), "the link was replaced, not followed");
        assertEquals("image b", Files.readString(out.resolve("sub/b.txt")));
        assertEquals("not in the image", Files.readString(out.resolve("mine.txt")));

        Files.writeString(out.resolve("a.txt"), "stale a");
        Files.setLastModifiedTime(out.resolve("a.txt"), FileTime.fromMillis(1_000_000_000_000L));
        Jwim.Result kept = Jwim.run("apply", wimPath, out, "--no-clobber");
        assertEquals(3, kept.exit(), kept.toString());
        assertTrue(kept.err().contains("/a.txt: already exists, file skipped (no-clobber)"), kept.err());
        assertEquals("stale a", Files.readString(out.resolve("a.txt")));
        assertEquals(FileTime.fromMillis(1_000_000_000_000L), Files.getLastModifiedTime(out.resolve("a.txt")),
                "a kept file keeps its times");

        Files.delete(out.resolve("a.txt"));
        Files.createDirectories(out.resolve("a.txt"));
        Jwim.Result dirInTheWay = Jwim.run("apply", wimPath, out);
        assertEquals(3, dirInTheWay.exit(), dirInTheWay.toString());
        assertTrue(dirInTheWay.err().contains("/a.txt: exists as a directory, file skipped"), dirInTheWay.err());
    }

    @Test
    void anUnprivilegedUserGetsANonZeroExitAndTheReason() throws Exception {
        OracleTools.requireRoot();
        OracleTools.requireTool("setpriv");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Dentry locked = dir("locked");
        locked.add(file("f.txt", "f".getBytes()));
        Path wimPath = wim("user.wim", file("ok.txt", "ok".getBytes()), locked);
        Path own = Files.createDirectories(tmp.resolve("own"));
        Files.createDirectories(own.resolve("locked")); // root's, not writable by the user
        Files.setAttribute(own, "unix:uid", NOBODY);
        Path rootOwned = Files.createDirectories(tmp.resolve("rootdir"));
        Path cp = Files.createDirectories(tmp.resolve("cp"));

        Result partly = runAsNobody(cp, "apply", wimPath.toString(), own.toString());
        assertEquals(3, partly.exit, partly.text);
        assertTrue(partly.text.contains("/locked/f.txt: cannot create file (permission denied)"), partly.text);
        assertFalse(partly.text.contains("(null)"), partly.text);
        assertEquals("ok", Files.readString(own.resolve("ok.txt")));

        Result none = runAsNobody(cp, "apply", wimPath.toString(), rootOwned.toString());
        assertEquals(1, none.exit, none.text);
        assertTrue(none.text.contains("cannot write here (permission denied)"), none.text);
        try (var s = Files.list(rootOwned)) {
            assertEquals(0, s.count());
        }
        assertTrue(Files.exists(own, LinkOption.NOFOLLOW_LINKS));
    }

    private record Result(int exit, String text) {
    }

    private Result runAsNobody(Path cp, String... args) throws Exception {
        Path log = tmp.resolve("child.log");
        Process p = new ProcessBuilder(JwimProcess.commandAs(NOBODY, cp, args)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "jwim as nobody timed out");
        return new Result(p.exitValue(), Files.readString(log));
    }
}
