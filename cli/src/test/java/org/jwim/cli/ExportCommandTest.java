package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TestTrees;

/** {@code jwim export}: results wimlib verifies, listings unchanged, dedup and raw copies counted. */
class ExportCommandTest {
    private static final Pattern COUNTS = Pattern.compile(
            "(\\d+) blobs copied as stored, (\\d+) recompressed, (\\d+) already there");

    @TempDir
    Path tmp;

    /** Image One: the mixed tree and 3 random files; Two: one file of One and a file of its own. */
    private Path wimlibWim() throws Exception {
        Path one = TestTrees.mixed(tmp.resolve("one"));
        Random rnd = new Random(9);
        for (int i = 0; i < 3; i++) {
            byte[] b = new byte[200_000 + i];
            rnd.nextBytes(b);
            Files.write(one.resolve("r" + i + ".bin"), b);
        }
        Path two = Files.createDirectories(tmp.resolve("two"));
        Files.writeString(two.resolve("own.txt"), "only in two\n".repeat(1000));
        Files.copy(one.resolve("r0.bin"), two.resolve("r0-copy.bin"));
        Path wim = tmp.resolve("src.wim");
        OracleTools.run(tmp, "wimlib-imagex", "capture", one.toString(), wim.toString(), "One", "--compress=lzx");
        OracleTools.run(tmp, "wimlib-imagex", "append", two.toString(), wim.toString(), "Two");
        return wim;
    }

    private static long[] counts(String out) {
        Matcher m = COUNTS.matcher(out);
        assertTrue(m.find(), out);
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
    }




    @Test
    void exportAllWithTheSameCompressionCopiesEveryBlobAsStored() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path src = wimlibWim();
        long blobs = WimlibQueries.dataBlobs(tmp, src);
        Path dest = tmp.resolve("all.wim");
        String out = Jwim.ok("export", src, "all", dest).out();
        long[] first = counts(out);
        long[] second = counts(out.substring(out.indexOf('\n') + 1));
        assertEquals(blobs, first[0] + second[0], out);
        assertEquals(0, first[1] + second[1], "nothing recompressed: " + out);
        assertTrue(second[2] >= 1, "image Two shares r0.bin with One: " + out);
        WimlibQueries.verified(tmp, dest);
        assertEquals(blobs, WimlibQueries.dataBlobs(tmp, dest));
        for (int i = 1; i <= 2; i++) {
            assertEquals(WimlibQueries.listing(tmp, src, i, true), WimlibQueries.listing(tmp, dest, i, true), "image " + i);
        }
        assertTrue(OracleTools.run(tmp, "wimlib-imagex", "info", dest.toString()).contains("Compression:    LZX"));

        Path swm = tmp.resolve("parts/e.swm");
        Files.createDirectories(swm.getParent());
        Jwim.ok("export", src, "all", swm, "--split=0.25");
        assertTrue(Files.exists(tmp.resolve("parts/e3.swm")), "several parts");
        String v = OracleTools.run(tmp, "wimlib-imagex", "verify", swm.toString(), "--ref=" + tmp.resolve("parts/e*.swm"));
        assertTrue(v.contains("successfully verified"), v);
    }

    @Test
    void exportWithAnotherCompressionRecompressesAndSkipsBlobsDestHas() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path src = wimlibWim();
        Path dest = tmp.resolve("x.wim");
        long[] c = counts(Jwim.ok("export", src, "One", dest, "First", "desc", "--compress=xpress").out());
        assertEquals(0, c[0]);
        long oneBlobs = WimlibQueries.dataBlobs(tmp, dest);
        assertEquals(oneBlobs, c[1]);
        // into the existing XPRESS DEST: r0.bin is there already, own.txt is new
        long[] d = counts(Jwim.ok("export", src, "2", dest, "--boot").out());
        assertEquals(1, d[1]);
        assertEquals(1, d[2]);
        WimlibQueries.verified(tmp, dest);
        assertEquals(oneBlobs + 1, WimlibQueries.dataBlobs(tmp, dest));
        assertEquals(WimlibQueries.listing(tmp, src, 1, false), WimlibQueries.listing(tmp, dest, 1, false));
        assertEquals(WimlibQueries.listing(tmp, src, 2, false), WimlibQueries.listing(tmp, dest, 2, false));
        String info = OracleTools.run(tmp, "wimlib-imagex", "info", dest.toString());
        assertTrue(info.contains("Boot Index:     2") && info.contains("Name:                   First")
                && info.contains("Description:            desc") && info.contains("Compression:    XPRESS"), info);

        Jwim.Result twice = Jwim.run("export", src, "2", dest);
        assertNotEquals(0, twice.exit());
        assertTrue(twice.err().contains("Two"), twice.toString());
    }
}
