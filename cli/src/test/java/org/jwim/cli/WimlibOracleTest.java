package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jwim.capture.testing.MemoryBlobs;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TestTrees;
import org.jwim.capture.testing.TreeSnapshot;
import org.jwim.capture.source.DirectorySource;
import org.jwim.wim.CompressionType;

/** jwim-written WIMs checked with wimlib-imagex (verify, info, dir --detailed, apply). */
class WimlibOracleTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "--compress={0}")
    @ValueSource(strings = {"none", "xpress", "lzx"})
    void jwimWimIsReadByWimlib(String compress) throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        CompressionType type = CompressionType.parse(compress); // every one is pure Java: no skip
        Path src = TestTrees.mixed(tmp.resolve("src"));
        Path wim = tmp.resolve("t.wim");
        Jwim.ok("capture", src, wim, "Oracle image", "checked by wimlib", "--compress=" + compress,
                "--check", "--boot");

        String verify = OracleTools.run(tmp, "wimlib-imagex", "verify", wim.toString());
        assertTrue(verify.contains("successfully verified"), verify);

        String info = OracleTools.run(tmp, "wimlib-imagex", "info", wim.toString());
        assertTrue(info.contains("Image Count:    1\n"), info);
        assertTrue(info.contains("Name:                   Oracle image\n"), info);
        assertTrue(info.contains("Description:            checked by wimlib\n"), info);
        assertTrue(info.contains("Boot Index:     1\n"), info);
        assertTrue(info.contains("Attributes:     Integrity info\n"), info);
        assertTrue(info.contains("Compression:    " + InfoCommand.compressionName(type) + "\n"), info);
        assertEquals(totals(info), totals(Jwim.ok("info", wim).out()), "jwim's info against wimlib's");

        Map<String, java.util.List<String>> theirs = DetailedListing.parse(
                OracleTools.run(tmp, "wimlib-imagex", "dir", wim.toString(), "1", "--detailed"));
        Map<String, java.util.List<String>> ours = DetailedListing.parse(Jwim.ok("dir", wim, "1", "--detailed").out());
        assertEquals(theirs, ours);

        Path out = tmp.resolve("out");
        OracleTools.run(tmp, "wimlib-imagex", "apply", wim.toString(), "1", out.toString());
        assertEquals(TreeSnapshot.of(src, true), TreeSnapshot.of(out, true));
    }

    /**
     * The same tree captured by wimlib and by jwim gives the same image, as wimlib lists it:
     * attributes, times, reparse data and hashes of every entry (access times are left out:
     * reading the files during the first capture may update them).
     */
    @Test
    void jwimCaptureMatchesWimlibCapture() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path src = TestTrees.mixed(tmp.resolve("src"));
        Path ours = tmp.resolve("jwim.wim");
        Path theirs = tmp.resolve("wimlib.wim");
        Jwim.ok("capture", src, ours, "X", "--compress=none");
        OracleTools.run(tmp, "wimlib-imagex", "capture", src.toString(), theirs.toString(), "X", "--compress=none");
        Map<String, java.util.List<String>> a = withoutAccessTimes(DetailedListing.parse(
                OracleTools.run(tmp, "wimlib-imagex", "dir", theirs.toString(), "1", "--detailed")));
        Map<String, java.util.List<String>> b = withoutAccessTimes(DetailedListing.parse(
                OracleTools.run(tmp, "wimlib-imagex", "dir", ours.toString(), "1", "--detailed")));
        assertEquals(a, b);
        assertEquals(totals(OracleTools.run(tmp, "wimlib-imagex", "info", theirs.toString())),
                totals(OracleTools.run(tmp, "wimlib-imagex", "info", ours.toString())));
        // jwim's info prints the same XML counts
        assertEquals(totals(OracleTools.run(tmp, "wimlib-imagex", "info", ours.toString())),
                totals(Jwim.ok("info", ours).out()));
    }

    /** The XML counts and byte totals of an info output (wimlib's or jwim's). */
    private static java.util.List<String> totals(String info) {
        java.util.List<String> out = info.lines().filter(l -> l.startsWith("Directory Count")
                || l.startsWith("File Count") || l.startsWith("Total Bytes") || l.startsWith("Hard Link Bytes")).toList();
        assertEquals(4, out.size(), info);
        return out;
    }

    private static Map<String, java.util.List<String>> withoutAccessTimes(Map<String, java.util.List<String>> m) {
        m.values().forEach(lines -> lines.removeIf(l -> l.startsWith("Last Access Time")));
        return m;
    }

    /** WIMs wimlib writes from a directory (two images) listed and applied by jwim as by wimlib. */
    @ParameterizedTest(name = "wimlib {0}")
    @ValueSource(strings = {"--compress=none", "--compress=xpress", "--solid", "--compress=lzx"})
    void wimlibWimIsReadByJwim(String option) throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path one = TestTrees.mixed(tmp.resolve("one"));
        Path two = Files.createDirectories(tmp.resolve("two"));
        Files.writeString(two.resolve("hello.txt"), "hello\n");
        Files.write(two.resolve("big.bin"), TestTrees.pattern(TestTrees.BIG_SIZE, 7)); // same as one/sub/deeper/big.bin
        Path wim = tmp.resolve("w.wim");
        OracleTools.run(tmp, "wimlib-imagex", "capture", one.toString(), wim.toString(), "One", option);
        OracleTools.run(tmp, "wimlib-imagex", "append", two.toString(), wim.toString(), "Two");
        for (int image = 1; image <= 2; image++) {
            String i = Integer.toString(image);
            assertEquals(DetailedListing.parse(OracleTools.run(tmp, "wimlib-imagex", "dir", wim.toString(), i, "--detailed")),
                    DetailedListing.parse(Jwim.ok("dir", wim, i, "--detailed").out()), "image " + i);
            Path byJwim = tmp.resolve("jwim" + i);
            Jwim.ok("apply", wim, i, byJwim);
            assertEquals(TreeSnapshot.of(image == 1 ? one : two, true), TreeSnapshot.of(byJwim, true));
        }
        assertTrue(Jwim.ok("verify", wim).out().contains("OK"));
    }

    /** Capture + append with jwim; both images applied by wimlib and by jwim are identical. */
    @Test
    void appendedImagesShareBlobsAndApplyIdentically() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path one = TestTrees.mixed(tmp.resolve("one"));
        Path two = TestTrees.mixed(tmp.resolve("two"));
        Files.writeString(two.resolve("a.txt"), "changed in two\n"); // also changes sub/b.txt (hard link)
        Files.delete(two.resolve("empty"));
        Files.writeString(two.resolve("added.txt"), "only in two\n");
        TestTrees.setTimes(two.resolve("a.txt"), "2005-06-07T08:09:10Z");

        Path wim = tmp.resolve("t.wim");
        Jwim.ok("capture", one, wim, "One", "--compress=none");
        Jwim.ok("append", two, wim, "Two", "second");

        for (int i = 1; i <= 2; i++) {
            Path src = i == 1 ? one : two;
            Path byWimlib = tmp.resolve("wimlib" + i);
            Path byJwim = tmp.resolve("jwim" + i);
            OracleTools.run(tmp, "wimlib-imagex", "apply", wim.toString(), Integer.toString(i), byWimlib.toString());
            Jwim.ok("apply", wim, i, byJwim);
            assertEquals(TreeSnapshot.of(src, true), TreeSnapshot.of(byWimlib, true), "wimlib apply of image " + i);
            assertEquals(TreeSnapshot.of(src, true), TreeSnapshot.of(byJwim, true), "jwim apply of image " + i);
        }
        String verify = OracleTools.run(tmp, "wimlib-imagex", "verify", wim.toString());
        assertTrue(verify.contains("successfully verified"), verify);

        // every distinct content (file data and symlink reparse data) of both trees stored once
        MemoryBlobs distinct = new MemoryBlobs();
        distinct.store(DirectorySource.of(one).scan());
        distinct.store(DirectorySource.of(two).scan());
        String blobs = OracleTools.run(tmp, "wimlib-imagex", "info", wim.toString(), "--blobs");
        long total = blobs.lines().filter(l -> l.startsWith("Hash")).count();
        long metadata = blobs.lines().filter(l -> l.contains("WIM_RESHDR_FLAG_METADATA")).count();
        assertEquals(2, metadata, blobs);
        assertEquals(distinct.count(), total - metadata, blobs);
        String ours = Jwim.ok("info", wim, "--blobs").out();
        assertEquals(total, ours.lines().filter(l -> l.startsWith("Hash")).count(), ours);
    }
}
