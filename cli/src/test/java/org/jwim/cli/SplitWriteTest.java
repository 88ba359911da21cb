package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TestTrees;
import org.jwim.capture.testing.TreeSnapshot;
import org.jwim.wim.WimFile;

/** jwim-made split WIMs: wimlib verifies, applies and joins them; parts respect the size. */
class SplitWriteTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}, parts of {1} MiB, {2}")
    @CsvSource({"lzx, 0.5, split", "xpress, 1, split", "none, 0.75, split", "xpress, 0.5, capture --split"})
    void wimlibAcceptsJwimSplitWims(String compress, String partMib, String how) throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path one = TestTrees.mixed(tmp.resolve("one"));
        Random rnd = new Random(11);
        for (int i = 0; i < 6; i++) {
            byte[] b = new byte[200_000 + i];
            rnd.nextBytes(b);
            Files.write(one.resolve("r" + i + ".bin"), b);
        }
        byte[] huge = new byte[(int) (MIB + MIB / 2)];
        rnd.nextBytes(huge);
        Files.write(one.resolve("huge.bin"), huge);
        Path two = Files.createDirectories(tmp.resolve("two"));
        Files.writeString(two.resolve("t.txt"), "two\n");
        Path swm = tmp.resolve("out/p.swm");
        Files.createDirectories(swm.getParent());
        if (how.equals("split")) {
            Path wim = tmp.resolve("w.wim");
            Jwim.ok("capture", one, wim, "One", "--compress=" + compress);
            Jwim.ok("append", two, wim, "Two");
            Jwim.ok("split", wim, swm, partMib);
        } else {
            Jwim.ok("capture", one, swm, "One", "--compress=" + compress, "--split=" + partMib);
        }
        List<Path> parts;
        try (Stream<Path> s = Files.list(swm.getParent())) {
            parts = s.sorted().collect(Collectors.toList());
        }
        assertTrue(parts.size() >= 3, parts.toString());
        long limit = (long) (Double.parseDouble(partMib) * MIB);
        int oversized = 0;
        for (Path p : parts) {
            if (Files.size(p) > limit) {
                oversized++;
                try (WimFile w = WimFile.open(p)) {
                    long blobs = w.blobs().stream().filter(b -> !b.metadata()).count();
                    assertEquals(1, blobs, p + " is larger than the limit but holds " + blobs + " blobs");
                    assertEquals(0, w.blobs().stream().filter(b -> b.metadata()).count(), p + " also holds metadata");
                }
            }
        }
        assertTrue(oversized >= 1, "huge.bin is larger than a part: " + parts);
        String ref = "--ref=" + swm.getParent().resolve("p*.swm");
        String v = OracleTools.run(tmp, "wimlib-imagex", "verify", swm.toString(), ref);
        assertTrue(v.contains("successfully verified"), v);
        Path applied = tmp.resolve("applied");
        OracleTools.run(tmp, "wimlib-imagex", "apply", swm.toString(), "1", applied.toString(), ref);
        assertEquals(TreeSnapshot.of(one, true), TreeSnapshot.of(applied, true));

        Path joined = tmp.resolve("joined.wim");
        List<String> join = new ArrayList<>(List.of("wimlib-imagex", "join", joined.toString()));
        parts.forEach(p -> join.add(p.toString()));
        OracleTools.run(tmp, join.toArray(String[]::new));
        String jv = OracleTools.run(tmp, "wimlib-imagex", "verify", joined.toString());
        assertTrue(jv.contains("successfully verified"), jv);

        Path ours = tmp.resolve("ours.wim");
        List<Object> args = new ArrayList<>(List.of("join", ours));
        args.addAll(parts);
        Jwim.ok(args.toArray());
        String ov = OracleTools.run(tmp, "wimlib-imagex", "verify", ours.toString());
        assertTrue(ov.contains("successfully verified"), ov);
        assertEquals(DetailedListing.parse(OracleTools.run(tmp, "wimlib-imagex", "dir", joined.toString(), "1", "--detailed")),
                DetailedListing.parse(OracleTools.run(tmp, "wimlib-imagex", "dir", ours.toString(), "1", "--detailed")));
    }
}
