package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.testing.OracleTools;
import org.jwim.wim.WimFile;
import org.jwim.wim.model.UnixData;

/**
 * {@code capture --unix-data} and {@code apply --unix-data} against wimlib-imagex's, both ways:
 * owners, groups, modes (set-id bits included), FIFOs, sockets and device nodes.
 */
class UnixDataTest {
    @TempDir
    Path tmp;

    private Path tree() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/d"));
        Path root = src.getParent();
        Path f = Files.writeString(root.resolve("f"), "hi\n");
        Files.setAttribute(f, "unix:uid", 1234);
        Files.setAttribute(f, "unix:gid", 5678);
        Files.setAttribute(f, "unix:mode", 0640);
        Path suid = Files.writeString(root.resolve("suid"), "x");
        Files.setAttribute(suid, "unix:uid", 1000);
        Files.setAttribute(suid, "unix:mode", 04755);
        Files.createLink(root.resolve("d/hard"), f);
        Files.createSymbolicLink(root.resolve("link"), Path.of("f"));
        Files.setAttribute(root.resolve("link"), "unix:uid", 42, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(root.resolve("link"), "unix:gid", 43, LinkOption.NOFOLLOW_LINKS);
        OracleTools.run(tmp, "mkfifo", root.resolve("fifo").toString());
        OracleTools.run(tmp, "mknod", root.resolve("chr").toString(), "c", "1", "3");
        OracleTools.run(tmp, "mknod", root.resolve("d/blk").toString(), "b", "7", "200");
        try (ServerSocketChannel s = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(root.resolve("sock")));
        }
        Files.setAttribute(src, "unix:uid", 7);
        Files.setAttribute(src, "unix:gid", 8);
        Files.setAttribute(src, "unix:mode", 0705);
        return root;
    }

    /** Relative path -> type, owner, group, mode and device number, links not followed. */
    private static Map<String, String> stat(Path root) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Map<String, Object> a = Files.readAttributes(p, "unix:uid,gid,mode,rdev", LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) a.get("mode");
                // a symbolic link's own mode is whatever the system gives it
                String shown = Files.isSymbolicLink(p) ? "link" : Integer.toOctalString(mode);
                m.put(root.relativize(p).toString(), a.get("uid") + ":" + a.get("gid") + " " + shown + " "
                        + Long.toHexString((Long) a.get("rdev")));
            }
        }
        return m;
    }

    /** Modification time in the WIM's 100-ns units. */
    private static long ticks(Path p) throws Exception {
        java.time.Instant t = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
        return t.getEpochSecond() * 10_000_000L + t.getNano() / 100;
    }

    /** {@code src} captured by wimlib-imagex with {@code --unix-data}. */
    private Path wimlibCapture(Path src) throws Exception {
        Path wim = tmp.resolve("wimlib.wim");
        OracleTools.run(tmp, "wimlib-imagex", "capture", src.toString(), wim.toString(), "--unix-data");
        return wim;
    }

    private static void requireTools() {
        OracleTools.requireRoot();
        OracleTools.requireTool("wimlib-imagex");
        OracleTools.requireTool("mknod");
        OracleTools.requireTool("mkfifo");
    }

    @Test
    void jwimCaptureIsWimlibsAndWimlibRestoresIt() throws Exception {
        requireTools();
        Path src = tree();
        Path ours = tmp.resolve("jwim.wim");
        Jwim.ok("capture", src, ours, "--unix-data");
        Path theirs = wimlibCapture(src);
        Map<String, java.util.List<String>> a = unixLines(OracleTools.run(tmp, "wimlib-imagex", "dir",
                theirs.toString(), "1", "--detailed"));
        assertEquals(a, unixLines(OracleTools.run(tmp, "wimlib-imagex", "dir", ours.toString(), "1", "--detailed")));
        assertEquals(a, unixLines(Jwim.ok("dir", ours, "1", "--detailed").out()), "jwim dir prints UNIX Data as wimlib");
        assertTrue(a.toString().contains("mode:060644 rdev:0x7c8"), a.toString());
        assertEquals(counts(OracleTools.run(tmp, "wimlib-imagex", "info", theirs.toString(), "1")),
                counts(OracleTools.run(tmp, "wimlib-imagex", "info", ours.toString(), "1")), "XML counts");

        Path out = tmp.resolve("by-wimlib");
        OracleTools.run(tmp, "wimlib-imagex", "apply", ours.toString(), out.toString(), "--unix-data");
        assertEquals(stat(src), stat(out));
    }

    @Test
    void jwimAppliesWimlibsUnixData() throws Exception {
        requireTools();
        Path src = tree();
        Path theirs = wimlibCapture(src);
        assertEquals(OracleTools.run(tmp, "wimlib-imagex", "dir", theirs.toString(), "1", "--detailed"),
                Jwim.ok("dir", theirs, "1", "--detailed").out(), "dir --detailed of a wimlib --unix-data WIM, byte for byte");
        Path out = tmp.resolve("by-jwim");
        Jwim.ok("apply", theirs, "1", out, "--unix-data");
        assertEquals(stat(src), stat(out));
        assertEquals(ticks(src.resolve("d")), ticks(out.resolve("d")), "making the device node again keeps its directory's time");
        assertEquals(ticks(src.resolve("fifo")), ticks(out.resolve("fifo")));
        // without --unix-data the special files are empty files and owners are the applier's
        Path plain = tmp.resolve("plain");
        Jwim.ok("apply", theirs, "1", plain);
        assertTrue(Files.isRegularFile(plain.resolve("fifo"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void extractRestoresUnixDataOfTheSubtreesItWrites() throws Exception {
        requireTools();
        Path src = tree();
        Path theirs = wimlibCapture(src);
        Path ours = tmp.resolve("ours");
        Path wimlibs = tmp.resolve("wimlibs");
        Jwim.ok("extract", theirs, "1", "/d", "/fifo", "/link", "--unix-data", "--dest-dir=" + ours);
        OracleTools.run(tmp, "wimlib-imagex", "extract", theirs.toString(), "1", "/d", "/fifo", "/link", "--unix-data",
                "--dest-dir=" + wimlibs);
        Map<String, String> expected = stat(wimlibs);
        expected.remove(""); // the destination itself is not part of the image
        Map<String, String> actual = stat(ours);
        actual.remove("");
        assertEquals(expected, actual);
        assertTrue(actual.get("d/blk").contains(" 60644 7c8"), actual.toString());
    }

    @Test
    void withoutUnixDataSpecialFilesAreSkippedAndNothingIsStored() throws Exception {
        requireTools();
        Path src = tree();
        Path wim = tmp.resolve("plain.wim");
        Jwim.warned("not a regular file", "capture", src, wim);
        try (WimFile w = WimFile.open(wim)) {
            var root = w.readImage(1).root();
            assertEquals(null, root.child("fifo"));
            assertEquals(null, UnixData.of(root.child("f").inode()));
        }
    }

    private static java.util.List<String> counts(String info) {
        return info.lines().filter(l -> l.startsWith("Directory Count") || l.startsWith("File Count")
                || l.startsWith("Total Bytes")).toList();
    }

    /** Path -> its Attributes and UNIX Data lines of a {@code dir --detailed} listing. */
    private static Map<String, java.util.List<String>> unixLines(String listing) {
        Map<String, java.util.List<String>> m = new TreeMap<>();
        DetailedListing.parse(listing).forEach((path, lines) -> m.put(path, lines.stream()
                .filter(l -> l.startsWith("UNIX Data") || l.startsWith("Attributes") || l.startsWith("Link Count")).toList()));
        return m;
    }
}
