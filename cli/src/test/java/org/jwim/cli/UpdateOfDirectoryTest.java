package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.jwim.capture.testing.OracleTools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --update-of} on a directory source: jwim's own reference image carries inode number and
 * ctime, so a file rewritten at equal size with its modification time put back is still read; a
 * reference without them (wimlib's) falls back to path, size and times, which cannot see that
 * rewrite, and {@code --verify-unchanged} reports it.
 */
class UpdateOfDirectoryTest {
    @TempDir
    Path tmp;
    Path src;

    @BeforeEach
    void tree() throws Exception {
        src = Files.createDirectories(tmp.resolve("src"));
        Files.write(src.resolve("same.bin"), bytes(4000, 1));
        Files.write(src.resolve("rewritten.bin"), bytes(5000, 2));
        Files.write(src.resolve("grown.bin"), bytes(3000, 3));
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Equal size, other bytes, modification time put back (ctime moves, as it must). */
    private void change() throws Exception {
        Path r = src.resolve("rewritten.bin");
        FileTime t = Files.getLastModifiedTime(r);
        Files.write(r, bytes(5000, 22));
        Files.setLastModifiedTime(r, t);
        Files.write(src.resolve("grown.bin"), bytes(3001, 33));
        Files.write(src.resolve("new.bin"), bytes(2000, 4));
    }

    /** dir --detailed of an image; layout, reference counts and access times (each capture reads) aside. */
    private static Map<String, List<String>> listing(Path wim, int image) {
        Map<String, List<String>> m = DetailedListing.parse(Jwim.ok("dir", wim, String.valueOf(image), "--detailed").out());
        return m.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stream()
                .filter(l -> !l.startsWith("Reference Count") && !l.startsWith("Last Access Time")).toList()));
    }

    private static long notRead(Jwim.Result r) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) bytes not read").matcher(r.out());
        assertTrue(m.find(), r.out());
        return Long.parseLong(m.group(1));
    }

    @Test
    void appendUpdateOfReadsWhatChangedAndEqualsAFullCapture() throws Exception {
        Path wim = tmp.resolve("lib.wim");
        Jwim.ok("capture", src, wim, "--compress=xpress");
        change();
        Jwim.Result r = Jwim.ok("append", src, wim, "month2", "--update-of=-1");
        assertEquals(4000, notRead(r), "only same.bin is taken over: " + r.out());
        Path full = tmp.resolve("full.wim");
        Jwim.ok("capture", src, full, "--compress=xpress", "month2");
        assertEquals(listing(full, 1), listing(wim, 2));
        assertEquals(0, Jwim.ok("verify", wim).exit());
    }

    @Test
    void referenceWithoutIdentitiesFallsBackAndVerifyFindsTheRewrite() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path theirs = tmp.resolve("wimlib.wim");
        OracleTools.run(null, "wimlib-imagex", "capture", src.toString(), theirs.toString());
        change();
        Path full = tmp.resolve("full.wim");
        Jwim.ok("capture", src, full, "--compress=xpress");
        Path blind = tmp.resolve("blind.wim");
        Jwim.Result r = Jwim.ok("capture", src, blind, "--compress=xpress", "--update-of=" + theirs + ":1");
        assertEquals(9000, notRead(r), "path, size and times take rewritten.bin as unchanged: " + r.out());
        assertFalse(listing(full, 1).equals(listing(blind, 1)), "the fallback keeps rewritten.bin stale");
        Path checked = tmp.resolve("checked.wim");
        r = Jwim.warned("/rewritten.bin: taken as unchanged", "capture", src, checked, "--compress=xpress",
                "--update-of=" + theirs + ":1", "--verify-unchanged");
        assertTrue(r.out().contains("1 differed"), r.out());
        assertEquals(listing(full, 1), listing(checked, 1));
    }

    @Test
    void badReferencesAreNamed() throws Exception {
        Path wim = tmp.resolve("one.wim");
        Jwim.ok("capture", src, wim, "--compress=xpress");
        Jwim.Result r = Jwim.run("append", src, wim, "x", "--update-of=3");
        assertTrue(r.exit() != 0 && r.err().contains("no image 3"), r.toString());
        r = Jwim.run("capture", src, tmp.resolve("new.wim"), "--update-of=1");
        assertTrue(r.exit() != 0 && r.err().contains("--update-of=WIM:IMAGE"), r.toString());
        r = Jwim.run("capture", src, tmp.resolve("new.wim"), "--update-of=" + wim + ":nosuch");
        assertTrue(r.exit() != 0 && r.err().contains("no image named \"nosuch\""), r.toString());
    }
}
