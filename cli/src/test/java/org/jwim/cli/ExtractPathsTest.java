package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TreeSnapshot;

/** {@code dir --path}, and {@code extract} with wildcards, listfiles and --to-stdout, against wimlib-imagex. */
class ExtractPathsTest {
    @TempDir
    Path tmp;

    private Path wim;

    @BeforeEach
    void image() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path src = tmp.resolve("src");
        for (String f : new String[] {"a/x.txt", "a/y.log", "a/sub/z.txt", "a/Sub2/w.txt", "b/q.txt", "c.txt",
                "d e/f g.txt"}) {
            Path p = src.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "content of " + f + "\n");
        }
        wim = tmp.resolve("t.wim");
        Jwim.ok("capture", src, wim, "--compress=xpress");
    }

    private String wimlib(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("wimlib-imagex"));
        cmd.addAll(List.of(args));
        return OracleTools.run(tmp, cmd.toArray(String[]::new));
    }

    @Test
    void dirPathListsTheSubtreeAsWimlib() throws Exception {
        for (String path : new String[] {"/a", "a", "\\a\\sub", "/c.txt", "/"}) {
            assertEquals(wimlib("dir", wim.toString(), "1", "--path=" + path),
                    Jwim.ok("dir", wim, "1", "--path=" + path).out(), path);
        }
        assertEquals(DetailedListing.parse(wimlib("dir", wim.toString(), "1", "--path=/a", "--detailed",
                "--one-file-only")), DetailedListing.parse(Jwim.ok("dir", wim, "1", "--path=/a", "--detailed",
                "--one-file-only").out()));
        assertEquals("/a\n", Jwim.ok("dir", wim, "1", "--path=/a", "--one-file-only").out());
        Jwim.Result missing = Jwim.run("dir", wim, "1", "--path=/nope");
        assertEquals(Main.FAILED, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("\"/nope\" does not exist"), missing.err());
        assertNotEquals(0, OracleTools.runResult(tmp, "wimlib-imagex", "dir", wim.toString(), "1", "--path=/nope").exit());
    }

    private void sameExtract(List<String> jwimArgs, List<String> wimlibArgs) throws Exception {
        Path ours = tmp.resolve("ours");
        Path theirs = tmp.resolve("theirs");
        List<Object> j = new java.util.ArrayList<>(List.of("extract", wim, "1"));
        j.addAll(jwimArgs);
        j.add("--dest-dir=" + ours);
        Jwim.ok(j.toArray());
        List<String> w = new java.util.ArrayList<>(List.of("extract", wim.toString(), "1"));
        w.addAll(wimlibArgs);
        w.add("--dest-dir=" + theirs);
        wimlib(w.toArray(String[]::new));
        assertEquals(TreeSnapshot.of(theirs, false), TreeSnapshot.of(ours, false), jwimArgs.toString());
        assertTrue(Files.exists(ours), "something was extracted");
    }

    @Test
    void wildcardsMatchWithinAComponentAndWithCase() throws Exception {
        sameExtract(List.of("/a/*.txt", "/a/s*"), List.of("/a/*.txt", "/a/s*"));
        Files.walk(tmp.resolve("ours")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        Files.walk(tmp.resolve("theirs")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        sameExtract(List.of("?.txt", "/a/sub/*", "/d e/*", "--preserve-dir-structure"),
                List.of("?.txt", "/a/sub/*", "/d e/*", "--preserve-dir-structure"));
    }

    @Test
    void listFileKeepsDirectoriesAndSkipsComments() throws Exception {
        Path list = tmp.resolve("list.txt");
        Files.writeString(list, "; comment\n# another\n/a/sub\n  \\b\\q.txt  \n\n/d e/f g.txt\n/a/*.log\n");
        sameExtract(List.of("@" + list), List.of("@" + list));
        Path utf16 = tmp.resolve("list16.txt");
        byte[] body = "/c.txt\r\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[body.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(body, 0, withBom, 2, body.length);
        Files.write(utf16, withBom);
        Jwim.ok("extract", wim, "1", "@" + utf16, "--dest-dir=" + tmp.resolve("u"));
        assertEquals("content of c.txt\n", Files.readString(tmp.resolve("u/c.txt")));
    }

    @Test
    void toStdoutWritesTheFilesData() throws Exception {
        String theirs = wimlib("extract", wim.toString(), "1", "/a/x.txt", "/c.txt", "--to-stdout");
        Jwim.Result ours = Jwim.ok("extract", wim, "1", "/a/x.txt", "/c.txt", "--to-stdout");
        assertEquals(theirs, ours.out());
        assertEquals("content of a/x.txt\ncontent of c.txt\n", ours.out());
        Jwim.Result dir = Jwim.run("extract", wim, "1", "/a", "--to-stdout");
        assertEquals(Main.FAILED, dir.exit(), dir.toString());
        assertTrue(dir.err().contains("not a regular file"), dir.err());
    }

    @Test
    void aPathThatMatchesNothingFailsUnlessNullglob() throws Exception {
        Jwim.Result r = Jwim.run("extract", wim, "1", "/a/*.exe", "--dest-dir=" + tmp.resolve("n"));
        assertEquals(Main.FAILED, r.exit(), r.toString());
        assertTrue(r.err().contains("\"/a/*.exe\" does not exist in the image"), r.err());
        Jwim.warned("matches nothing", "extract", wim, "1", "/a/*.exe", "/c.txt", "--nullglob",
                "--dest-dir=" + tmp.resolve("n"));
        assertTrue(Files.exists(tmp.resolve("n/c.txt")));
        Jwim.Result literal = Jwim.run("extract", wim, "1", "/a/*.txt", "--no-globs", "--dest-dir=" + tmp.resolve("l"));
        assertEquals(Main.FAILED, literal.exit(), "--no-globs takes * literally: " + literal);
    }
}
