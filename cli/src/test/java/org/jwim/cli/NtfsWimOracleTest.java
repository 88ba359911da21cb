package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TreeSnapshot;

/**
 * wimlib-written WIMs from a raw NTFS volume (hard links, named streams, symlink and junction
 * reparse points, security descriptors, short names, Unicode names; see
 * scripts/make-ntfs-wims.sh) read by jwim: {@code jwim dir --detailed} agrees with
 * {@code wimlib-imagex dir --detailed} field by field, and {@code jwim apply} produces the same
 * tree as {@code wimlib-imagex apply}.
 */
class NtfsWimOracleTest {
    @TempDir
    static Path fixtures;

    @BeforeAll
    static void makeWims() throws Exception {
        for (String tool : new String[] {"wimlib-imagex", "mkntfs", "ntfs-3g", "setfattr", "getfattr"}) {
            OracleTools.requireTool(tool);
        }
        OracleTools.requireRoot();
        Path script = JwimProcess.repoRoot().resolve("scripts/make-ntfs-wims.sh");
        OracleTools.run(null, "bash", script.toString(), fixtures.toString());
    }

    @Test
    void singleImageDetailedListingMatchesWimlib() throws Exception {
        compareListing(fixtures.resolve("single.wim"), 1);
    }

    @Test
    void multiImageDetailedListingsMatchWimlib() throws Exception {
        compareListing(fixtures.resolve("multi.wim"), 1);
        compareListing(fixtures.resolve("multi.wim"), 2);
    }

    @Test
    void applyMatchesWimlibApply() throws Exception {
        for (String[] c : new String[][] {{"single.wim", "1"}, {"multi.wim", "1"}, {"multi.wim", "2"}}) {
            Path wim = fixtures.resolve(c[0]);
            Path dir = java.nio.file.Files.createDirectories(fixtures.resolve("apply-" + c[0] + "-" + c[1]));
            Path theirs = dir.resolve("wimlib");
            Path ours = dir.resolve("jwim");
            OracleTools.run(null, "wimlib-imagex", "apply", wim.toString(), c[1], theirs.toString());
            Jwim.warned("not applied (not supported by this target)", "apply", wim, c[1], ours);
            Map<String, String> expected = normalise(TreeSnapshot.of(theirs, true), theirs);
            assertEquals(expected, normalise(TreeSnapshot.of(ours, true), ours), c[0] + " image " + c[1]);
            assertTrue(expected.get("hardlink.txt").contains("links="), expected.toString());
            assertTrue(expected.get("junction").startsWith("link->"), expected.toString());
        }
    }

    @Test
    void applyAllAndBlobDedupAcrossImages() throws Exception {
        Path wim = fixtures.resolve("multi.wim");
        Path all = fixtures.resolve("all");
        Jwim.warned("not applied (not supported by this target)", "apply", wim, "all", all);
        Path w1 = fixtures.resolve("all-wimlib-1");
        OracleTools.run(null, "wimlib-imagex", "apply", wim.toString(), "1", w1.toString());
        assertEquals(normalise(TreeSnapshot.of(w1, true), w1),
                normalise(TreeSnapshot.of(all.resolve("NtfsOne"), true), all.resolve("NtfsOne")));
        String ours = Jwim.ok("info", wim, "--blobs").out();
        String theirs = OracleTools.run(null, "wimlib-imagex", "info", wim.toString(), "--blobs");
        assertEquals(theirs.lines().filter(l -> l.startsWith("Hash")).sorted().toList(),
                ours.lines().filter(l -> l.startsWith("Hash")).sorted().toList());
    }

    private static void compareListing(Path wim, int image) throws Exception {
        Map<String, List<String>> theirs = DetailedListing.parse(OracleTools.run(null,
                "wimlib-imagex", "dir", wim.toString(), Integer.toString(image), "--detailed"));
        Map<String, List<String>> ours = DetailedListing.parse(
                Jwim.ok("dir", wim, image, "--detailed").out());
        assertEquals(theirs.keySet().stream().toList(), ours.keySet().stream().toList(), "paths and order");
        for (String path : theirs.keySet()) {
            assertEquals(String.join("\n", theirs.get(path)), String.join("\n", ours.get(path)), path);
        }
    }

    /** Link targets that point into the applied tree are made relative to "<root>". */
    private static Map<String, String> normalise(Map<String, String> snapshot, Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        String prefix = root.toAbsolutePath().toString();
        snapshot.forEach((k, v) -> out.put(k, v.replace("link->" + prefix, "link-><root>")));
        return out;
    }
}
