package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TreeSnapshot;
import org.jwim.wim.WimFile;

/**
 * {@code --config}, {@code --dereference} and {@code --no-acls} on capture: the same tree
 * captured by wimlib-imagex and by jwim lists the same paths.
 */
class DirectoryCaptureOptionsTest {
    @TempDir
    Path tmp;

    /** Configs exercising case, wildcards, anchoring, quotes, drive letters and exceptions. */
    private static final String[] CONFIGS = {
        "", // no --config: wimlib's default list applies to a directory too
        "[ExclusionList]\n*.mp3\n/sub\n\\sub2\n[ExclusionException]\n/sub/deep/keep.txt\n",
        "[ExclusionList]\n*.mp3\nC:\\sub\\deep\n\"Sub2\"\n",
        "[ExclusionList]\ndeep\n/sub/de?p/*\n[ExclusionException]\nkeep.txt\n",
        "; comment\n[ExclusionList]\n/s*\n# comment\n[ExclusionException]\n/sub/*.mp3\n'/Sub2'\n",
        "[ExclusionList]\n/sub/\n/Sub*/y.txt\n[PrepopulateList]\n/a.mp3\n",
    };

    private Path tree() throws Exception {
        Path src = tmp.resolve("src");
        for (String f : new String[] {"pagefile.sys", "PAGEFILE.SYS", "a.mp3", "sub/b.MP3", "sub/c.mp3",
                "sub/deep/keep.txt", "sub/deep/x.txt", "Sub2/y.txt", "sub/other/z.txt", "$RECYCLE.BIN/r"}) {
            Path p = src.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, f);
        }
        return src;
    }

    private List<String> wimlibDir(Path wim) throws Exception {
        return OracleTools.run(tmp, "wimlib-imagex", "dir", wim.toString(), "1").lines()
                .filter(l -> !l.isBlank()).sorted().toList();
    }

    @ParameterizedTest(name = "config {index}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void configExcludesWhatWimlibExcludes(int which) throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path src = tree();
        Path theirs = tmp.resolve("theirs.wim");
        Path ours = tmp.resolve("ours.wim");
        Path ini = tmp.resolve("c.ini");
        Files.writeString(ini, CONFIGS[which]);
        String[] config = which == 0 ? new String[0] : new String[] {"--config=" + ini};
        List<String> wimlib = new java.util.ArrayList<>(List.of("wimlib-imagex", "capture", src.toString(),
                theirs.toString()));
        wimlib.addAll(List.of(config));
        OracleTools.run(tmp, wimlib.toArray(String[]::new));
        List<Object> jwim = new java.util.ArrayList<>(List.of("capture", src, ours));
        jwim.addAll(List.of(config));
        Jwim.ok(jwim.toArray());
        List<String> expected = wimlibDir(theirs);
        assertEquals(expected, wimlibDir(ours));
        assertTrue(expected.size() > 2 && expected.size() < 17, "the config excluded something: " + expected);
    }

    @Test
    void aRelativePatternOfSeveralComponentsIsRefusedAsByWimlib() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path src = tree();
        Path ini = tmp.resolve("bad.ini");
        Files.writeString(ini, "[ExclusionList]\n*.mp3\nsub/deep\n");
        assertTrue(OracleTools.runResult(tmp, "wimlib-imagex", "capture", src.toString(), tmp.resolve("w.wim").toString(),
                "--config=" + ini).exit() != 0, "wimlib refuses it");
        Jwim.Result r = Jwim.run("capture", src, tmp.resolve("j.wim"), "--config=" + ini);
        assertEquals(Main.FAILED, r.exit(), r.toString());
        assertTrue(r.err().contains(ini + ":3: relative pattern \"sub/deep\" has more than one component"), r.err());
    }

    @Test
    void dereferenceCapturesWhatLinksPointToAsWimlibDoes() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("o.txt"), "outside");
        Path src = Files.createDirectories(tmp.resolve("src/d"));
        Files.writeString(src.resolve("f.txt"), "file");
        Files.createSymbolicLink(src.resolve("flink"), Path.of("f.txt"));
        Files.createSymbolicLink(src.resolve("dlink"), outside);
        Path root = src.getParent();
        Path theirs = tmp.resolve("theirs.wim");
        Path ours = tmp.resolve("ours.wim");
        OracleTools.run(tmp, "wimlib-imagex", "capture", root.toString(), theirs.toString(), "--dereference");
        Jwim.ok("capture", root, ours, "--dereference");
        assertEquals(wimlibDir(theirs), wimlibDir(ours));
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        OracleTools.run(tmp, "wimlib-imagex", "apply", theirs.toString(), a.toString());
        OracleTools.run(tmp, "wimlib-imagex", "apply", ours.toString(), b.toString());
        assertEquals(TreeSnapshot.of(a, false), TreeSnapshot.of(b, false));
        assertTrue(Files.isRegularFile(b.resolve("d/flink"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("outside", Files.readString(b.resolve("d/dlink/o.txt")));
    }

    @Test
    void dereferenceSkipsALinkLoopWithAWarning() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/d"));
        Files.createSymbolicLink(src.resolve("up"), Path.of(".."));
        Jwim.Result r = Jwim.warned("symbolic link loop", "capture", src.getParent(), tmp.resolve("l.wim"), "--dereference");
        assertTrue(r.err().contains("up"), r.err());
    }

    @Test
    void directoryOnlyOptionsOnAVolumeAreRefusedNotIgnored() throws Exception {
        Path img = org.jwim.capture.testing.ApplyFixtures.bareFat(tmp.resolve("fat.img"), "32", 40);
        for (String option : new String[] {"--unix-data", "--dereference"}) {
            Jwim.Result r = Jwim.run("capture", img, tmp.resolve("v.wim"), option);
            assertEquals(Main.FAILED, r.exit(), r.toString());
            assertTrue(r.err().contains(option + " applies to a directory; " + img + " is a volume"), r.err());
        }
        Path wim = tmp.resolve("v.wim");
        Jwim.ok("capture", img, wim);
        Jwim.Result r = Jwim.run("apply", wim, "1", img, "--unix-data");
        assertEquals(Main.FAILED, r.exit(), r.toString());
        assertTrue(r.err().contains("--unix-data applies to a directory"), r.err());
    }

    @Test
    void noAclsLeavesSecurityDescriptorsOut() throws Exception {
        OracleTools.requireTool("mkntfs");
        Path img = tmp.resolve("ntfs.img");
        try (var ch = java.nio.channels.FileChannel.open(img, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[1]), (16 << 20) - 1);
        }
        OracleTools.run(tmp, "mkntfs", "-F", "-f", "-q", img.toString());
        Path with = tmp.resolve("with.wim");
        Path without = tmp.resolve("without.wim");
        Jwim.ok("capture", img, with);
        Jwim.ok("capture", img, without, "--no-acls");
        try (WimFile w = WimFile.open(with); WimFile wo = WimFile.open(without)) {
            assertTrue(w.readImage(1).security().size() > 0, "mkntfs gives the root a security descriptor");
            assertEquals(0, wo.readImage(1).security().size());
            assertEquals(-1, wo.readImage(1).root().inode().securityId());
        }
        // apply --no-acls to a directory does not warn about descriptors it cannot hold
        Jwim.warned("security descriptor", "apply", with, "1", tmp.resolve("a"));
        Jwim.ok("apply", with, "1", tmp.resolve("b"), "--no-acls");
    }
}
