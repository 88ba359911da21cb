package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TestTrees;
import org.jwim.capture.testing.TreeSnapshot;
import org.jwim.wim.BlobInfo;
import org.jwim.wim.CompressionType;
import org.jwim.wim.UnsupportedWimException;
import org.jwim.wim.compress.Codecs;
import org.jwim.wim.WimFile;

class CliTest {
    @TempDir
    Path tmp;

    @Test
    void captureInfoDirApplyExtractVerify() throws IOException {
        Path src = TestTrees.mixed(tmp.resolve("src"));
        Path wim = tmp.resolve("t.wim");
        Jwim.Result c = Jwim.ok("capture", src, wim, "First", "the first image", "--compress=none",
                "--creator", "tests", "--image-version", "1.2");
        assertTrue(c.out().contains("Captured image 1 (\"First\")"), c.toString());

        String info = Jwim.ok("info", wim).out();
        assertTrue(info.contains("Image Count:    1\n"), info);
        assertTrue(info.contains("Compression:    None\n"), info);
        assertTrue(info.contains("Part Number:    1/1\n"), info);
        assertTrue(info.contains("Name:                   First\n"), info);
        assertTrue(info.contains("Description:            the first image\n"), info);
        // one way of counting (ImageStats, wimlib's rules, see WimlibOracleTest): the root, sub,
        // deeper and emptydir are directories; the directory symlink counts as a file, the hard
        // link twice; the capture line says the same as the XML data
        assertTrue(info.contains("Directory Count:        4\nFile Count:             10\n"), info);
        String bytes = info.lines().filter(l -> l.startsWith("Total Bytes:")).findFirst().orElseThrow()
                .replaceFirst("Total Bytes: +", "");
        assertTrue(c.out().contains(": 4 directories, 10 files, " + bytes + " bytes"), c.toString());
        assertTrue(info.contains("Creator:                tests\n"), info);

        Set<String> listed = new TreeSet<>(Jwim.ok("dir", wim).out().lines().toList());
        Set<String> expected = new TreeSet<>();
        expected.add("/");
        for (String rel : TreeSnapshot.of(src, false).keySet()) {
            expected.add("/" + rel);
        }
        assertEquals(expected, listed);

        Path out = tmp.resolve("out");
        Jwim.ok("apply", wim, "1", out);
        assertEquals(TreeSnapshot.of(src, true), TreeSnapshot.of(out, true));
        Path out2 = tmp.resolve("out2");
        Jwim.ok("apply", wim, "First", out2);
        assertEquals(TreeSnapshot.of(src, true), TreeSnapshot.of(out2, true));

        Path ex = tmp.resolve("ex");
        Jwim.ok("extract", wim, "1", "/sub/deeper", "a.txt", "--dest-dir", ex);
        Map<String, String> got = TreeSnapshot.of(ex, false);
        assertEquals(Set.of("a.txt", "deeper", "deeper/big.bin", "deeper/dup.txt"), got.keySet());

        assertTrue(Jwim.ok("verify", wim).out().contains("OK"));
        String header = Jwim.ok("info", wim, "--header").out();
        assertTrue(header.contains("Image Count                 = 1\n"), header);
        assertTrue(header.contains("Version                     = 0x10d00\n"), header);
        String xml = Jwim.ok("info", wim, "--xml").out();
        assertTrue(xml.startsWith("<WIM>") && xml.contains("<NAME>First</NAME>"), xml);
        assertEquals(2, Jwim.run("info", wim, "--xml", "--blobs").exit());
        String blobs = Jwim.ok("info", wim, "--blobs").out();
        // a.txt, sub/b.txt (hard link) and dup.txt share one blob
        assertEquals(1, blobs.split("Hash              = 0x" + sha1Of("hello\n"), -1).length - 1, blobs);
    }

    @Test
    void errorsAreOneLineWithExitCodes() throws IOException {
        Jwim.Result missing = Jwim.run("info", tmp.resolve("missing.wim"));
        assertEquals(1, missing.exit());
        assertTrue(missing.err().startsWith("jwim: error: "), missing.toString());
        assertEquals(1, missing.err().lines().count(), missing.toString());

        Jwim.Result debug = Jwim.run("info", tmp.resolve("missing.wim"), "--debug");
        assertEquals(1, debug.exit());
        assertTrue(debug.err().contains("\tat "), debug.toString());

        Jwim.Result usage = Jwim.run("capture", "--compress=bogus", tmp, tmp.resolve("x.wim"));
        assertEquals(2, usage.exit(), usage.toString());
        assertTrue(usage.err().startsWith("jwim: error: "), usage.toString());
        assertEquals(2, Jwim.run("frobnicate").exit());
        assertEquals(2, Jwim.run().exit());

        Jwim.Result notDir = Jwim.run("capture", tmp.resolve("nope"), tmp.resolve("x.wim"), "--compress=none");
        assertEquals(1, notDir.exit());
        assertFalse(Files.exists(tmp.resolve("x.wim")));

        Path garbage = Files.write(tmp.resolve("garbage.wim"), new byte[300]);
        Jwim.Result bad = Jwim.run("dir", garbage);
        assertEquals(1, bad.exit());
        assertTrue(bad.err().startsWith("jwim: error: "), bad.toString());
    }

    /** A lone --version builds no command's model (Main.addCommands); the rest must not notice. */
    @Test
    void versionAloneAndWithOthers() {
        for (String[] args : new String[][] {{"--version"}, {"-V"}, {"--version", "--debug"}, {"--version", "info"}}) {
            Jwim.Result r = Jwim.ok((Object[]) args);
            assertEquals("jwim 0.1.0\n", r.out(), r.toString());
            assertEquals("", r.err(), r.toString());
        }
        assertEquals(2, Jwim.run("--version=x").exit());
        String help = Jwim.ok("--help").out();
        for (String command : new String[] {"capture", "capture-disk", "append", "apply", "apply-disk", "make-disk",
            "info", "dir", "extract", "verify", "export", "delete", "optimize", "split", "join"}) {
            assertTrue(help.contains("\n  " + command + " "), command + " in\n" + help);
        }
    }

    @Test
    void appendAddsImagesAndRejectsDuplicateNames() throws IOException {
        Path src = TestTrees.mixed(tmp.resolve("src"));
        Path wim = tmp.resolve("t.wim");
        Jwim.ok("capture", src, wim, "One", "--compress=none");
        Jwim.ok("append", src, wim, "Two", "second", "--boot");
        String info = Jwim.ok("info", wim).out();
        assertTrue(info.contains("Image Count:    2\n"), info);
        assertTrue(info.contains("Boot Index:     2\n"), info);
        Jwim.Result dup = Jwim.run("append", src, wim, "One");
        assertEquals(1, dup.exit());
        assertTrue(dup.err().contains("already an image named"), dup.toString());
        Jwim.Result noImage = Jwim.run("apply", wim, tmp.resolve("o"));
        assertEquals(1, noImage.exit());
        assertTrue(noImage.err().contains("specify one"), noImage.toString());

        Path all = tmp.resolve("all");
        Jwim.ok("apply", wim, "all", all);
        assertEquals(TreeSnapshot.of(src, true), TreeSnapshot.of(all.resolve("One"), true));
        assertEquals(TreeSnapshot.of(src, true), TreeSnapshot.of(all.resolve("Two"), true));
    }

    @Test
    void corruptBlobIsDetectedByVerifyAndApply() throws IOException {
        Path src = TestTrees.mixed(tmp.resolve("src"));
        Path wim = tmp.resolve("t.wim");
        Jwim.ok("capture", src, wim, "--compress=none");
        long offset;
        try (WimFile w = WimFile.open(wim)) {
            BlobInfo big = w.blobs().stream().filter(b -> b.size() == TestTrees.BIG_SIZE).findFirst().orElseThrow();
            offset = big.offset() + 1000;
        }
        try (FileChannel ch = FileChannel.open(wim, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, offset);
            one.put(0, (byte) ~one.get(0)).rewind();
            ch.write(one, offset);
        }
        Jwim.Result v = Jwim.run("verify", wim);
        assertNotEquals(0, v.exit(), v.toString());

        Jwim.Result strict = Jwim.run("apply", wim, tmp.resolve("strict"));
        assertEquals(1, strict.exit(), strict.toString());
        assertTrue(strict.err().contains("big.bin"), strict.toString());
        assertFalse(Files.exists(tmp.resolve("strict/sub/deeper/big.bin")));

        Jwim.Result lenient = Jwim.run("apply", wim, tmp.resolve("lenient"), "--skip-corrupt");
        assertEquals(3, lenient.exit(), lenient.toString());
        assertTrue(lenient.err().contains("1 file(s) skipped"), lenient.toString());
        assertFalse(Files.exists(tmp.resolve("lenient/sub/deeper/big.bin")));
        assertEquals("hello\n", Files.readString(tmp.resolve("lenient/a.txt")));
    }

    @Test
    void dirDetailedPrintsWimlibFields() throws IOException {
        Path src = TestTrees.mixed(tmp.resolve("src"));
        Path wim = tmp.resolve("t.wim");
        Jwim.ok("capture", src, wim, "--compress=none");
        String d = Jwim.ok("dir", wim, "1", "--detailed").out();
        assertTrue(d.startsWith(DirCommand.SEPARATOR + "\nFull Path           = \"/\"\n"), d);
        assertTrue(d.contains("Full Path           = \"/rel\"\nShort Name          = \"\"\n"
                + "Attributes          = 0x00000400\n    FILE_ATTRIBUTE_REPARSE_POINT is set\n"), d);
        assertTrue(d.contains("Reparse Tag         = 0xa000000c\n"), d);
        assertTrue(d.contains("Last Write Time     = Fri Dec 31 23:59:58 1999 UTC\n"), d);
        assertTrue(d.contains("Creation Time       = Tue Jan 05 03:04:05 1960 UTC\n"), d);
        assertTrue(d.contains("Link Count          = 2\n"), d);
    }

    @Test
    void defaultCompressionIsLzx() throws IOException {
        Path src = TestTrees.mixed(tmp.resolve("src"));
        Path wim = tmp.resolve("t.wim");
        Jwim.Result c = Jwim.ok("capture", src, wim);
        // LZX is pure Java, so always there: the default is wimlib's and DISM's, without a note
        assertTrue(Jwim.ok("info", wim).out().contains("Compression:    LZX\n"));
        assertFalse(c.err().contains("jwim: note:"), c.toString());
        Path out = tmp.resolve("out");
        Jwim.ok("apply", wim, out);
        assertEquals(TreeSnapshot.of(src, true), TreeSnapshot.of(out, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lz4", "zstd"})
    void jwimOnlyCodecsAreFlaggedByInfo(String codec) throws IOException {
        CompressionType type = CompressionType.parse(codec);
        // lz4-java and zstd-jni load native code for the platform
        OracleTools.requireEnvironment(available(type), "no " + type + " codec on this platform");
        Path src = TestTrees.mixed(tmp.resolve("src"));
        Path wim = tmp.resolve("t.wim");
        Jwim.ok("capture", src, wim, "--compress=" + codec);
        assertTrue(Jwim.ok("info", wim).out().contains("readable by jwim only"));
    }

    private static boolean available(CompressionType type) {
        try {
            Codecs.compressor(type, type.defaultChunkSize());
            return true;
        } catch (UnsupportedWimException e) {
            return false;
        }
    }

    private static String sha1Of(String s) {
        return org.jwim.wim.blob.Sha1.digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }
}
