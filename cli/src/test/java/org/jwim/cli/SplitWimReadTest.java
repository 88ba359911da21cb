package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TestTrees;
import org.jwim.capture.testing.TreeSnapshot;

/** Split WIMs made by wimlib-imagex split, read by jwim as wimlib reads them. */
class SplitWimReadTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path tmp;

    /** Two images, incompressible files that fill several parts, one file larger than any part. */
    private Path wimlibWim(String compress) throws Exception {
        Path one = TestTrees.mixed(tmp.resolve("one"));
        Random rnd = new Random(5);
        for (int i = 0; i < 5; i++) {
            byte[] b = new byte[300_000 + i * 1000];
            rnd.nextBytes(b);
            Files.write(one.resolve("r" + i + ".bin"), b);
        }
        byte[] huge = new byte[(int) (2 * MIB + 777)];
        rnd.nextBytes(huge);
        Files.write(one.resolve("huge.bin"), huge);
        Path two = Files.createDirectories(tmp.resolve("two"));
        Files.writeString(two.resolve("hello.txt"), "hello\n");
        Files.copy(one.resolve("r1.bin"), two.resolve("same-as-r1.bin"));
        Path wim = tmp.resolve("w.wim");
        OracleTools.run(tmp, "wimlib-imagex", "capture", one.toString(), wim.toString(), "One",
                "--compress=" + compress);
        OracleTools.run(tmp, "wimlib-imagex", "append", two.toString(), wim.toString(), "Two");
        return wim;
    }

    private static List<Path> parts(Path dir, String prefix) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".swm")).sorted().collect(Collectors.toList());
        }
    }

    @ParameterizedTest(name = "{0}, parts of {1} MiB")
    @CsvSource({"lzx, 0.5", "lzx, 1", "xpress, 0.5", "xpress, 3"})
    void wimlibSplitWimReadsAsWimlibReadsIt(String compress, String partMib) throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path wim = wimlibWim(compress);
        Path swm = tmp.resolve("s.swm");
        OracleTools.run(tmp, "wimlib-imagex", "split", wim.toString(), swm.toString(), partMib);
        List<Path> parts = parts(tmp, "s");
        assertTrue(parts.size() >= 2, parts.toString());
        long limit = (long) (Double.parseDouble(partMib) * MIB);
        assertTrue(parts.stream().anyMatch(p -> p.toFile().length() > limit) || limit > 2 * MIB,
                "a part holds the blob larger than the part size");
        String ref = tmp.resolve("s*.swm").toString();

        // info of part 1 alone: the header facts and the images as wimlib prints them
        String theirs = OracleTools.run(tmp, "wimlib-imagex", "info", swm.toString());
        String ours = Jwim.ok("info", swm).out();
        for (String key : List.of("GUID:", "Image Count:", "Compression:", "Chunk Size:", "Part Number:",
                "Boot Index:")) {
            assertEquals(line(theirs, key), line(ours, key), key);
        }
        assertEquals(theirs.substring(theirs.indexOf("Available Images")), ours.substring(ours.indexOf("Available Images")));

        for (int image = 1; image <= 2; image++) {
            String i = Integer.toString(image);
            var expected = DetailedListing.parse(OracleTools.run(tmp, "wimlib-imagex", "dir", swm.toString(), i,
                    "--detailed", "--ref=" + ref));
            assertEquals(expected, DetailedListing.parse(Jwim.ok("dir", swm, i, "--detailed").out()), "image " + i);
            assertEquals(expected, DetailedListing.parse(Jwim.ok("dir", swm, i, "--detailed", "--ref", ref).out()));
            Path byJwim = tmp.resolve("jwim" + i);
            Jwim.ok("apply", swm, i, byJwim, "--ref", ref);
            Path byWimlib = tmp.resolve("wimlib" + i);
            OracleTools.run(tmp, "wimlib-imagex", "apply", swm.toString(), i, byWimlib.toString(), "--ref=" + ref);
            assertEquals(TreeSnapshot.of(byWimlib, true), TreeSnapshot.of(byJwim, true), "image " + i);
            assertEquals(TreeSnapshot.of(tmp.resolve(image == 1 ? "one" : "two"), true),
                    TreeSnapshot.of(byJwim, true));
        }
        String verify = Jwim.ok("verify", swm).out();
        assertTrue(verify.contains("OK"), verify);
    }

    private static String line(String text, String key) {
        return text.lines().filter(l -> l.startsWith(key)).findFirst().orElse("(no " + key + ")");
    }

    @Test
    void missingForeignAndDoubledPartsAreRefusedNamingTheFile() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path wim = wimlibWim("lzx");
        Path swm = tmp.resolve("s.swm");
        OracleTools.run(tmp, "wimlib-imagex", "split", wim.toString(), swm.toString(), "0.5");
        List<Path> parts = parts(tmp, "s");
        int n = parts.size();
        assertTrue(n >= 3, parts.toString());
        Path last = tmp.resolve("s" + n + ".swm");

        // another WIM split into as many parts: same part count, another GUID
        Path other = tmp.resolve("o.wim");
        OracleTools.run(tmp, "wimlib-imagex", "capture", tmp.resolve("one").toString(), other.toString(),
                "Other", "--compress=lzx");
        OracleTools.run(tmp, "wimlib-imagex", "split", other.toString(), tmp.resolve("o.swm").toString(), "0.5");
        Path foreign = tmp.resolve("o" + n + ".swm");
        assertTrue(Files.exists(foreign));

        Path hidden = tmp.resolve("hidden.bin");
        Files.move(last, hidden);
        Jwim.Result missing = Jwim.run("verify", swm);
        assertNotEquals(0, missing.exit());
        assertTrue(missing.err().contains(last.toString()), missing.toString());
        Jwim.Result missingRef = Jwim.run("apply", swm, "1", tmp.resolve("x"), "--ref", tmp.resolve("s*.swm"));
        assertNotEquals(0, missingRef.exit());
        assertTrue(missingRef.err().contains("part " + n), missingRef.toString());

        Jwim.Result wrong = Jwim.run("verify", swm, "--ref", tmp.resolve("s*.swm"), "--ref", foreign);
        assertNotEquals(0, wrong.exit());
        assertTrue(wrong.err().contains(foreign.toString()) && wrong.err().contains("GUID"), wrong.toString());
        Files.move(hidden, last);

        Path copy = tmp.resolve("copy.swm");
        Files.copy(tmp.resolve("s2.swm"), copy);
        Jwim.Result doubled = Jwim.run("dir", swm, "1", "--ref", tmp.resolve("s*.swm"), "--ref", copy);
        assertNotEquals(0, doubled.exit());
        assertTrue(doubled.err().contains(copy.toString()) && doubled.err().contains("s2.swm")
                && doubled.err().contains("both part 2"), doubled.toString());

        Jwim.Result notFirst = Jwim.run("verify", tmp.resolve("s2.swm"));
        assertNotEquals(0, notFirst.exit());
        assertTrue(notFirst.err().contains("part 2"), notFirst.toString());
        // info reads any part alone, as wimlib does
        assertTrue(Jwim.ok("info", tmp.resolve("s2.swm")).out().contains("Part Number:    2/" + n));
    }
}
