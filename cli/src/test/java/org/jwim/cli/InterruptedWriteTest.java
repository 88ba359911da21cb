package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.testing.ApplyFixtures;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TestTrees;
import org.jwim.wim.WimFile;

/**
 * SIGINT and SIGTERM to a capture, append or capture-disk in a child JVM while it writes: the
 * temporary file is gone, the target is as before, one line "jwim: interrupted: ..." is printed and
 * the exit code is 130 or 143. And the output checks that come before any work.
 */
class InterruptedWriteTest {
    @TempDir
    Path tmp;

    private Path bigTree() throws IOException {
        return WritingChild.bigTree(tmp.resolve("big"));
    }

    @Test
    void sigintDuringCaptureRemovesTheTemporaryFile() throws Exception {
        Path wim = Files.createDirectories(tmp.resolve("out")).resolve("new.wim");
        interrupt("INT", 130, wim, "capture", bigTree().toString(), wim.toString(), "--compress=none");
        assertFalse(Files.exists(wim));
    }

    @Test
    void sigtermDuringCaptureKeepsTheExistingWim() throws Exception {
        Path wim = Files.createDirectories(tmp.resolve("out")).resolve("existing.wim");
        Jwim.ok("capture", TestTrees.mixed(tmp.resolve("small")), wim, "--compress=none");
        byte[] before = Files.readAllBytes(wim);
        String line = interrupt("TERM", 143, wim, "capture", bigTree().toString(), wim.toString(), "--compress=none");
        assertTrue(line.contains(wim + " left as it was"), line);
        assertArrayEquals(before, Files.readAllBytes(wim), "the existing WIM changed");
    }

    @Test
    void sigintDuringAppendKeepsTheWim() throws Exception {
        Path wim = Files.createDirectories(tmp.resolve("out")).resolve("existing.wim");
        Jwim.ok("capture", TestTrees.mixed(tmp.resolve("small")), wim, "--compress=none");
        byte[] before = Files.readAllBytes(wim);
        interrupt("INT", 130, wim, "append", bigTree().toString(), wim.toString(), "second");
        assertArrayEquals(before, Files.readAllBytes(wim), "the WIM appended to in place is not cut back");
    }

    @Test
    void sigtermDuringCaptureDiskRemovesTheTemporaryFile() throws Exception {
        Path img = ApplyFixtures.bareFat(tmp.resolve("fat.img"), "32", 200);
        Path src = bigTree();
        ApplyFixtures.mtools("mcopy", "-s", "-i", img.toString(), src.toString(), "::/");
        Path wim = Files.createDirectories(tmp.resolve("out")).resolve("disk.wim");
        interrupt("TERM", 143, wim, "capture-disk", img.toString(), wim.toString(), "--compress=none");
        assertFalse(Files.exists(wim));
    }

    /**
     * Runs jwim in a child JVM, sends the signal once the temporary file beside {@code wim} (an
     * append: {@code wim} itself) has grown past 1 MiB, and checks the exit code, that no temporary file remains and that stderr is
     * one line "jwim: interrupted: ..."; returns that line.
     */
    private String interrupt(String signal, int exit, Path wim, String... args) throws Exception {
        Path errLog = tmp.resolve("child.err");
        long size = Files.exists(wim) ? Files.size(wim) : 0;
        Process p = new ProcessBuilder(JwimProcess.command(args)).redirectError(errLog.toFile())
                .redirectOutput(tmp.resolve("child.out").toFile()).start();
        boolean sawTemp = args[0].equals("append") ? WritingChild.awaitGrowth(p, wim, size)
                : WritingChild.awaitTemporaryFile(p, wim);
        OracleTools.run(null, "kill", "-" + signal, Long.toString(p.pid()));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "jwim did not exit after SIG" + signal);
        String err = Files.readString(errLog);
        assertTrue(sawTemp, "the child finished or failed before the signal: " + err);
        assertEquals(exit, p.exitValue(), err);
        try (Stream<Path> s = Files.list(wim.getParent())) {
            assertEquals(List.of(), s.filter(f -> !f.equals(wim)).toList(), "temporary files left");
        }
        List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), err);
        assertTrue(lines.get(0).startsWith("jwim: interrupted: "), err);
        return lines.get(0);
    }

    @Test
    void aDirectoryAsOutputFailsBeforeAnyWork() throws Exception {
        Path img = ApplyFixtures.bareFat(tmp.resolve("fat.img"), "32", 34);
        Path adir = Files.createDirectories(tmp.resolve("adir.wim"));
        Jwim.Result r = Jwim.run("capture-disk", img, adir);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("cannot create " + adir + ": is a directory"), r.err());
        assertEquals("", r.out(), "nothing was read before the check");
        Jwim.Result c = Jwim.run("capture", TestTrees.mixed(tmp.resolve("small")), adir);
        assertEquals(1, c.exit(), c.toString());
        assertTrue(c.err().contains("cannot create " + adir + ": is a directory"), c.err());
        Jwim.Result missing = Jwim.run("capture", tmp.resolve("small"), tmp.resolve("nowhere/x.wim"));
        assertEquals(1, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("cannot create " + tmp.resolve("nowhere/x.wim") + ": no such directory " + tmp.resolve("nowhere")), missing.err());
    }

    @Test
    void aCaptureLeavesItsOwnOutputAndTemporaryFilesOut() throws Exception {
        Path src = TestTrees.mixed(tmp.resolve("src"));
        Path self = src.resolve("self.wim");
        Files.writeString(src.resolve(".self.wim.jwim-1a2b3c.tmp"), "a temporary file of another run");
        Files.writeString(src.resolve("sub/self.wim"), "same name, other directory: captured");
        for (int run = 0; run < 2; run++) {
            assertEquals(0, Jwim.run("capture", src, self, "--compress=none").exit());
        }
        try (WimFile w = WimFile.open(self)) {
            var root = w.readImage(1).root();
            assertNull(root.child("self.wim"), "the previous WIM was captured");
            assertNull(root.child(".self.wim.jwim-1a2b3c.tmp"), "a temporary file was captured");
            assertTrue(root.child("sub").child("self.wim") != null);
        }
    }
}
