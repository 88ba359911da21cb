package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.RawEntries;
import org.jwim.capture.testing.TestTrees;
import org.jwim.capture.source.CaptureConfig;
import org.jwim.capture.source.NtfsSource;
import org.jwim.capture.apply.ApplyReport;
import org.jwim.capture.apply.ApplyOptions;
import org.jwim.capture.apply.NtfsVolumeTarget;
import org.jwim.capture.apply.Protection;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.WimFile;
import org.jwim.wim.WimWriter;
import org.jwim.wim.WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The raw NTFS apply oracle: the full NTFS fixture captured by jwim and applied by
 * {@link NtfsVolumeTarget} onto another NTFS image of the same size (holding junk and a
 * {@code _SMSTaskSequence} folder). Then {@code ntfsfix -n} is clean, ntfs-3g reads every file
 * with the source's bytes, wimlib's captures of the applied and of the source volume list
 * identically in {@code dir --detailed} (modulo layout-only fields and the kept folder), the
 * kept folder is unchanged, the applied times equal the WIM's to the 100 ns (ntfs-3g's
 * {@code system.ntfs_times}), and jwim's reader sees the same tree as on the source.
 */
class NtfsVolumeTargetRoundTripTest {
    private static final String KEPT = "/_SMSTaskSequence";

    @TempDir
    Path tmp;

    @Test
    void fullFixtureRoundTripsThroughARawNtfsApply() throws Exception {
        Map<String, List<String>> applied = roundTrip("full", 4096, 512);
        // wimlib's own NTFS-3G apply of the same WIM gives a volume wimlib captures identically
        Path theirs = tmp.resolve("wimlib-applied.img");
        OracleTools.run(null, "truncate", "-s", Files.size(tmp.resolve("src.img")) + "", theirs.toString());
        OracleTools.run(null, "mkntfs", "-F", "-q", "-f", "-c", "4096", theirs.toString());
        OracleTools.run(null, "wimlib-imagex", "apply", tmp.resolve("jwim.wim").toString(), "1", theirs.toString());
        Map<String, List<String>> byWimlib = listing(theirs, "wimlib-applied");
        // jwim creates an 8.3 name with an empty short name as WIN32_AND_DOS (as Windows does),
        // wimlib as a POSIX name
        assertEquals(List.of(), diffs(byWimlib, DetailedListing.win32AndDosAsEmpty(applied)));
    }

    @ParameterizedTest
    @CsvSource({"512, 512", "65536, 512", "2097152, 512", "4096, 4096"})
    void smallFixtureRoundTripsAtOtherGeometries(int cluster, int sector) throws Exception {
        roundTrip("small", cluster, sector);
    }

    @Test
    void cliAppliesADirectoryImageToARawNtfsVolume() throws Exception {
        for (String tool : new String[] {"mkntfs", "ntfsfix", "ntfsls", "ntfscat"}) {
            OracleTools.requireTool(tool);
        }
        Path src = TestTrees.mixed(tmp.resolve("tree"));
        Path wim = tmp.resolve("tree.wim");
        Jwim.ok("capture", src, wim, "--compress=lzx");
        Path img = tmp.resolve("vol.img");
        OracleTools.run(null, "truncate", "-s", "24M", img.toString());
        OracleTools.run(null, "mkntfs", "-F", "-q", "-f", "-L", "CLI", img.toString());
        Jwim.Result r = Jwim.ok("apply", wim, "1", img);
        assertTrue(r.out().contains("Applied image 1 to NTFS volume"), r.toString());
        String fix = OracleTools.run(null, "ntfsfix", "-n", img.toString());
        assertTrue(fix.contains("processed successfully"), fix);
        String ls = OracleTools.run(null, "ntfsls", "-l", img.toString(), "-p", "/sub/deeper");
        assertTrue(ls.contains("big.bin") && ls.contains("dup.txt"), ls);
        assertEquals("hello\n", OracleTools.run(null, "ntfscat", img.toString(), "/sub/b.txt"));
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ)) {
            org.jwim.ntfs.NtfsVolume v = org.jwim.ntfs.NtfsVolume.open(ch, 0, ch.size(), m -> { });
            assertEquals("CLI", v.label(), "the label survives the re-format");
            org.jwim.ntfs.NtfsFile f = v.root();
            for (String part : new String[] {"sub", "deeper", "big.bin"}) {
                f = v.list(f).stream().filter(e -> e.name().equals(part)).findFirst().orElseThrow().file();
            }
            try (var in = f.stream("").open()) {
                assertTrue(java.util.Arrays.equals(TestTrees.pattern(TestTrees.BIG_SIZE, 7), in.readAllBytes()));
            }
        }
    }

    @Test
    void aFullVolumeOrACorruptBlobStopsWithTheFileNamedAndLeavesAConsistentVolume() throws Exception {
        for (String tool : new String[] {"mkntfs", "ntfsfix", "ntfsls", "ntfscat", "ntfscp"}) {
            OracleTools.requireTool(tool);
        }
        Path src = Files.createDirectories(tmp.resolve("big"));
        Files.write(src.resolve("aaa-small.txt"), "small\n".getBytes());
        Files.write(src.resolve("huge.bin"), TestTrees.pattern(12 << 20, 21));
        Path wim = tmp.resolve("big.wim");
        Jwim.ok("capture", src, wim, "--compress=none");
        for (String kind : new String[] {"full", "corrupt"}) {
            Path img = tmp.resolve(kind + ".img");
            OracleTools.run(null, "truncate", "-s", kind.equals("full") ? "8M" : "32M", img.toString());
            OracleTools.run(null, "mkntfs", "-F", "-q", "-f", img.toString());
            Path keep = tmp.resolve("keep.txt");
            Files.writeString(keep, "kept across a failed apply\n");
            OracleTools.run(null, "ntfscp", "-f", img.toString(), keep.toString(), "/_SMSTaskSequence");
            Path use = wim;
            if (kind.equals("corrupt")) {
                use = tmp.resolve("corrupt.wim");
                byte[] w = Files.readAllBytes(wim);
                byte[] needle = java.util.Arrays.copyOfRange(TestTrees.pattern(12 << 20, 21), 5 << 20, (5 << 20) + 64);
                int at = indexOf(w, needle);
                assertTrue(at > 0, "file data found in the WIM");
                w[at] ^= 1;
                Files.write(use, w);
            }
            String said;
            if (kind.equals("full")) {
                // the command line refuses before writing; the target itself still copes with a full volume
                byte[] before = Files.readAllBytes(img);
                Jwim.Result r = Jwim.run("apply", use, "1", img);
                assertEquals(1, r.exit(), r.toString());
                assertTrue(r.err().contains("nothing was changed"), r.toString());
                assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(img)), "refused before writing");
                List<String> warnings = new ArrayList<>();
                try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ, StandardOpenOption.WRITE);
                        WimFile w = WimFile.open(use)) {
                    NtfsVolumeTarget t = NtfsVolumeTarget.open(ch, 0, ch.size(), Protection.defaults(), m -> { });
                    IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                            () -> t.apply(w.readImage(1), w::openBlob,
                                    ApplyOptions.defaults().readOrder(w.readOrder()).warnings(m -> warnings.add(m.toString()))));
                    assertTrue(e.getMessage().contains("huge.bin") && e.getMessage().contains("volume full"),
                            e.getMessage());
                }
                said = String.join("\n", warnings);
            } else {
                Jwim.Result r = Jwim.run("apply", use, "1", img);
                assertEquals(1, r.exit(), r.toString());
                assertTrue(r.err().contains("huge.bin") && r.err().contains("corrupt"), r.toString());
                said = r.err();
            }
            String fix = OracleTools.run(null, "ntfsfix", "-n", img.toString());
            assertTrue(fix.contains("processed successfully"), fix);
            assertEquals("kept across a failed apply\n", OracleTools.run(null, "ntfscat", img.toString(), "/_SMSTaskSequence"));
            if (kind.equals("full")) {
                // no room for a crash-safe apply: applied in place, finished with what arrived
                assertTrue(said.contains("not crash-safe"), said);
                assertEquals("small\n", OracleTools.run(null, "ntfscat", img.toString(), "/aaa-small.txt"));
            } else {
                // crash-safe: the failure came before the switch, the old volume is untouched
                assertTrue(said.contains("left as before the apply"), said);
                assertFalse(OracleTools.run(null, "ntfsls", img.toString()).contains("aaa-small.txt"));
            }
        }
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

    /** Builds the fixture, applies it onto a junk volume of the same geometry, checks; returns wimlib's listing of the applied volume (kept folder removed). */
    private Map<String, List<String>> roundTrip(String kind, int cluster, int sector) throws Exception {
        for (String tool : new String[] {"mkntfs", "ntfs-3g", "python3", "wimlib-imagex", "ntfsfix"}) {
            OracleTools.requireTool(tool);
        }
        OracleTools.requireRoot();
        Path src = tmp.resolve("src.img");
        OracleTools.run(null, "bash", repoRoot().resolve("scripts/ntfs/make-fixture.sh").toString(), src.toString(),
                kind, cluster + "", sector + "");
        Path wim = tmp.resolve("jwim.wim");
        capture(src, wim);

        Path dst = tmp.resolve("dst.img");
        OracleTools.run(null, "truncate", "-s", Files.size(src) + "", dst.toString());
        OracleTools.run(null, "mkntfs", "-F", "-q", "-f", "-c", cluster + "", "-s", sector + "", "-L", "OLD", dst.toString());
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        OracleTools.run(null, "ntfs-3g", "-o", "compression", dst.toString(), mnt.toString());
        try {
            Path comp = Files.createDirectories(mnt.resolve("_SMSTaskSequence/Compressed"));
            OracleTools.run(null, "python3", "-c", "import os,struct,sys; os.setxattr(sys.argv[1],"
                    + "'system.ntfs_attrib_be',struct.pack('>I',0x810))", comp.toString());
            Files.writeString(comp.resolve("log.txt"), "compressible line\n".repeat(20000));
            Files.createDirectories(mnt.resolve("_SMSTaskSequence/StateStore"));
            Files.write(mnt.resolve("_SMSTaskSequence/StateStore/usmt.mig"), TestTrees.pattern(3_000_000, 7));
            Files.writeString(mnt.resolve("_SMSTaskSequence/TSEnv.dat"), "environment\n");
            Files.createLink(mnt.resolve("_SMSTaskSequence/TSEnv-link.dat"), mnt.resolve("_SMSTaskSequence/TSEnv.dat"));
            Files.createDirectories(mnt.resolve("Windows/System32"));
            Files.write(mnt.resolve("Windows/System32/old.dll"), TestTrees.pattern(2_000_000, 8));
        } finally {
            OracleTools.run(null, "umount", mnt.toString());
        }
        Map<String, List<String>> keptBefore = kept(listing(dst, "before"));
        List<org.jwim.ntfs.NtfsExtent> extentsBefore = extents(dst, "_SMSTaskSequence", "StateStore", "usmt.mig");

        List<String> warnings = new ArrayList<>();
        ApplyReport report;
        try (FileChannel ch = FileChannel.open(dst, StandardOpenOption.READ, StandardOpenOption.WRITE);
                WimFile w = WimFile.open(wim)) {
            NtfsVolumeTarget t = NtfsVolumeTarget.open(ch, 0, ch.size(), Protection.defaults(), m -> warnings.add(m.toString()));
            assertEquals(List.of("_SMSTaskSequence"), t.kept());
            assertTrue(t.removed().contains("Windows"), t.removed().toString());
            report = t.apply(w.readImage(1), w::openBlob, ApplyOptions.defaults().warnings(m -> warnings.add(m.toString()))
                    .readOrder(w.readOrder()));
        }
        if (kind.equals("full")) {
            assertTrue(report.files() > 3000 && report.hardLinks() == 41, report.toString());
            try (FileChannel ch = FileChannel.open(dst, StandardOpenOption.READ)) {
                org.jwim.ntfs.NtfsVolume v = org.jwim.ntfs.NtfsVolume.open(ch, 0, ch.size(), m -> { });
                org.jwim.ntfs.NtfsFile dir = v.list(v.root()).stream().filter(e -> e.name().equals("compressed"))
                        .findFirst().orElseThrow().file();
                org.jwim.ntfs.NtfsStream text = v.list(dir).stream().filter(e -> e.name().equals("text.txt"))
                        .findFirst().orElseThrow().file().stream("");
                assertTrue(text.isCompressed(), "compressed files are written LZNT1-compressed");
                long stored = text.extents().stream().mapToLong(org.jwim.ntfs.NtfsExtent::length).sum();
                assertTrue(stored < text.size() / 4, stored + " bytes stored for " + text.size());
            }
        }

        String fix = OracleTools.run(null, "ntfsfix", "-n", dst.toString());
        assertTrue(fix.contains("processed successfully"), fix);
        assertEquals(extentsBefore, extents(dst, "_SMSTaskSequence", "StateStore", "usmt.mig"),
                "kept data stays in its clusters");
        // the applied times, as ntfs-3g reads them, are the WIM's to the 100 ns (dir --detailed shows seconds)
        Map<String, String> appliedTimes = RawEntries.ntfsTimes(dst, tmp.resolve("mnt-times"));
        appliedTimes.keySet().removeIf(p -> p.startsWith(KEPT));
        assertEquals(List.of(), RawEntries.diffs(RawEntries.wimTimes(wim, 1), appliedTimes), "applied times");

        // wimlib (NTFS-3G) sees the same volume, plus the kept folder
        Map<String, List<String>> theirs = listing(src, "src");
        Map<String, List<String>> applied = listing(dst, "after");
        assertEquals(keptBefore, kept(applied), "the protected folder is unchanged");
        applied.keySet().removeIf(p -> p.contains("\"" + KEPT));
        assertEquals(List.of(), diffs(theirs, applied), "warnings: " + warnings);

        // ntfs-3g reads every file with the source's bytes
        Map<String, String> source = contents(src, "s");
        assertEquals(source, withoutKept(contents(dst, "d")));
        if (kind.equals("full")) {
            String x = source.get("ntfs-3g xattrs");
            assertTrue(x.contains("objid-birth.txt system.ntfs_object_id") && x.contains("ea-dir system.ntfs_ea")
                    && x.contains("ea.txt system.ntfs_ea"), x);
        }

        // jwim's reader agrees
        Path again = tmp.resolve("again.wim");
        capture(dst, again);
        Map<String, List<String>> ours = DetailedListing.parse(OracleTools.run(null, "wimlib-imagex", "dir",
                wim.toString(), "1", "--detailed"));
        Map<String, List<String>> oursAgain = DetailedListing.parse(OracleTools.run(null, "wimlib-imagex", "dir",
                again.toString(), "1", "--detailed"));
        oursAgain.keySet().removeIf(p -> p.contains("\"" + KEPT));
        assertEquals(List.of(), diffs(ours, oursAgain));
        return applied;
    }

    private static List<org.jwim.ntfs.NtfsExtent> extents(Path img, String... path) throws Exception {
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ)) {
            org.jwim.ntfs.NtfsVolume v = org.jwim.ntfs.NtfsVolume.open(ch, 0, ch.size(), m -> { });
            org.jwim.ntfs.NtfsFile f = v.root();
            for (String part : path) {
                f = v.list(f).stream().filter(e -> e.name().equals(part)).findFirst().orElseThrow().file();
            }
            return f.stream("").extents();
        }
    }

    /** jwim's raw NTFS capture of the volume image {@code img} into a new XPRESS WIM. */
    static void capture(Path img, Path wim) throws Exception {
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ);
                WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(CompressionType.XPRESS))) {
            w.addImage(NtfsSource.of(ch, 0, ch.size()).config(CaptureConfig.defaults()).scan(), ImageInfo.of("ntfs", ""));
            w.commit();
        }
    }

    private Map<String, List<String>> listing(Path img, String name) throws Exception {
        Path w = tmp.resolve(name + ".wim");
        OracleTools.run(null, "wimlib-imagex", "capture", img.toString(), w.toString(), "--compress=none");
        return DetailedListing.parse(OracleTools.run(null, "wimlib-imagex", "dir", w.toString(), "1", "--detailed"));
    }

    private static Map<String, List<String>> kept(Map<String, List<String>> all) {
        Map<String, List<String>> out = new TreeMap<>();
        all.forEach((k, v) -> {
            if (k.contains("\"" + KEPT)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static List<String> diffs(Map<String, List<String>> a, Map<String, List<String>> b) {
        List<String> diffs = new ArrayList<>();
        for (String path : a.keySet()) {
            if (!a.get(path).equals(b.get(path))) {
                diffs.add(path + "\n  source:  " + a.get(path) + "\n  applied: " + b.get(path));
            }
        }
        for (String path : b.keySet()) {
            if (!a.containsKey(path)) {
                diffs.add("only applied: " + path);
            }
        }
        return diffs.size() > 8 ? diffs.subList(0, 8) : diffs;
    }

    /** Path -> SHA-256 of every regular file, read through an ntfs-3g mount. */
    private Map<String, String> contents(Path img, String name) throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("m-" + name));
        OracleTools.run(null, "ntfs-3g", "-o", "ro", img.toString(), mnt.toString());
        Map<String, String> out = new TreeMap<>();
        try (var s = Files.walk(mnt)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path p : s.toList()) {
                String rel = mnt.relativize(p).toString();
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    try (var in = Files.newInputStream(p)) {
                        byte[] b = new byte[1 << 20];
                        int n;
                        while ((n = in.read(b)) > 0) {
                            md.update(b, 0, n);
                        }
                    }
                    out.put(rel, HexFormat.of().formatHex(md.digest()));
                } else {
                    out.put(rel, Files.isSymbolicLink(p) ? "link" : "dir");
                }
            }
            // object ids (GUID from $OBJECT_ID, birth ids from $ObjId) and $EA as ntfs-3g reads them
            String script = "import os,sys\nfor p in sys.argv[1:]:\n for a in ('system.ntfs_object_id','system.ntfs_ea'):\n"
                    + "  try: print(os.path.basename(p), a, os.getxattr(p, a).hex())\n  except OSError: pass\n";
            List<String> cmd = new ArrayList<>(List.of("python3", "-c", script));
            for (String f : WINDOWS_METADATA) {
                if (Files.exists(mnt.resolve(f))) {
                    cmd.add(mnt.resolve(f).toString());
                }
            }
            out.put("ntfs-3g xattrs", OracleTools.run(null, cmd.toArray(String[]::new)));
        } finally {
            OracleTools.run(null, "umount", mnt.toString());
        }
        return out;
    }

    /** Files of the full fixture with object ids and extended attributes. */
    private static final List<String> WINDOWS_METADATA = List.of("objid.txt", "objid-birth.txt", "objid-dir",
            "ea.txt", "ea-dir");

    private static Map<String, String> withoutKept(Map<String, String> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (!k.startsWith(KEPT.substring(1))) {
                out.put(k, v);
            }
        });
        return new TreeMap<>(out);
    }

    private static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts/ntfs/make-fixture.sh"))) {
            p = p.getParent();
        }
        return p;
    }
}
