package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.jwim.capture.testing.OracleTools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --delta-from=BASE.wim} writes only the blobs BASE lacks; readers take BASE as
 * {@code --ref}. wimlib's {@code verify --ref} and {@code apply --ref} read jwim's delta, and
 * jwim reads wimlib's.
 */
class DeltaWimTest {
    @TempDir
    Path tmp;
    Path src;

    @BeforeEach
    void tree() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        src = Files.createDirectories(tmp.resolve("src"));
        Files.write(src.resolve("kept.bin"), bytes(70000, 1));
        Files.write(src.resolve("changed.bin"), bytes(50000, 2));
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private void change() throws Exception {
        Files.write(src.resolve("changed.bin"), bytes(50001, 3));
        Files.write(src.resolve("new.bin"), bytes(30000, 4));
    }

    private static long dataBlobs(Path wim) throws Exception {
        String out = OracleTools.run(null, "wimlib-imagex", "info", wim.toString(), "--blobs");
        return java.util.Arrays.stream(out.split("\n\n")).filter(b -> b.contains("Hash") && !b.contains("METADATA")).count();
    }

    private void assertTreeEquals(Path applied) throws Exception {
        for (String name : new String[] {"kept.bin", "changed.bin", "new.bin"}) {
            assertArrayEquals(Files.readAllBytes(src.resolve(name)), Files.readAllBytes(applied.resolve(name)), name);
        }
    }

    @Test
    void wimlibReadsJwimsDelta() throws Exception {
        Path base = tmp.resolve("base.wim");
        Jwim.ok("capture", src, base, "--compress=xpress");
        change();
        Path delta = tmp.resolve("delta.wim");
        Jwim.Result r = Jwim.ok("capture", src, delta, "--compress=xpress", "--delta-from=" + base,
                "--update-of=" + base + ":1");
        assertTrue(r.out().contains("70000 bytes not read"), r.out());
        assertEquals(2, dataBlobs(delta), "only changed.bin and new.bin are stored");
        OracleTools.run(null, "wimlib-imagex", "verify", delta.toString(), "--ref=" + base);
        Path out = tmp.resolve("wimlib-applied");
        OracleTools.run(null, "wimlib-imagex", "apply", delta.toString(), "1", out.toString(), "--ref=" + base);
        assertTreeEquals(out);
        assertNotEquals(0, Jwim.run("verify", delta).exit(), "without its base the delta is incomplete");
        Jwim.ok("verify", delta, "--ref", base);
    }

    @Test
    void jwimReadsWimlibsDelta() throws Exception {
        Path base = tmp.resolve("wbase.wim");
        OracleTools.run(null, "wimlib-imagex", "capture", src.toString(), base.toString());
        change();
        Path delta = tmp.resolve("wdelta.wim");
        OracleTools.run(null, "wimlib-imagex", "capture", src.toString(), delta.toString(), "--delta-from=" + base);
        assertEquals(2, dataBlobs(delta));
        Jwim.ok("verify", delta, "--ref", base);
        Path out = tmp.resolve("jwim-applied");
        Jwim.ok("apply", delta, "1", out, "--ref", base);
        assertTreeEquals(out);
        String listing = Jwim.ok("dir", delta, "1", "--detailed", "--ref", base).out();
        assertEquals(DetailedListing.parse(OracleTools.run(null, "wimlib-imagex", "dir", delta.toString(), "1",
                "--detailed", "--ref=" + base)).keySet(), DetailedListing.parse(listing).keySet());
    }
}
