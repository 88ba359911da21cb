package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TestTrees;
import org.jwim.wim.WimFile;
import org.jwim.wim.WimHeaderInfo;

/**
 * An append writes into the WIM in place (no copy of it) and rewrites the header last: killed
 * with SIGKILL at random times it leaves either the old WIM, every old byte and the header
 * unchanged (with a tail past its end that readers ignore), or the complete new one. The next
 * append cuts the tail off.
 */
class KilledAppendTest {
    private static final int ROUNDS = 6;

    @TempDir
    Path tmp;

    @Test
    void killAtRandomTimesLeavesTheOldWimOrTheNewOne() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path wim = Files.createDirectories(tmp.resolve("out")).resolve("w.wim");
        Jwim.ok("capture", TestTrees.mixed(tmp.resolve("small")), wim, "one", "--compress=none");
        byte[] before = Files.readAllBytes(wim);
        Path pristine = tmp.resolve("pristine.wim");
        Files.copy(wim, pristine);
        Path big = WritingChild.bigTree(tmp.resolve("big"));
        Random rnd = new Random(11);
        int killedMidway = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Files.copy(pristine, wim, StandardCopyOption.REPLACE_EXISTING);
            Process p = new ProcessBuilder(JwimProcess.command("append", big.toString(), wim.toString(), "two"))
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
            boolean writing = WritingChild.awaitGrowth(p, wim, before.length);
            Thread.sleep(rnd.nextInt(300));
            boolean finished = !writing || !p.isAlive();
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            byte[] now = Files.readAllBytes(wim);
            try (WimFile w = WimFile.open(wim)) {
                assertTrue(w.verify().ok(), "round " + round + ": " + w.verify().problems());
                if (w.imageCount() == 1) {
                    assertArrayEquals(before, Arrays.copyOf(now, before.length), "round " + round);
                    killedMidway += finished ? 0 : 1;
                } else {
                    assertEquals(2, w.imageCount(), "round " + round);
                }
            }
            OracleTools.run(tmp, "wimlib-imagex", "verify", wim.toString());
        }
        assertTrue(killedMidway >= ROUNDS / 2, "only " + killedMidway + " of " + ROUNDS
                + " kills came before the append finished");

        // after a kill midway, the next append succeeds and leaves no tail
        Files.copy(pristine, wim, StandardCopyOption.REPLACE_EXISTING);
        Process p = new ProcessBuilder(JwimProcess.command("append", big.toString(), wim.toString(), "two"))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        assertTrue(WritingChild.awaitGrowth(p, wim, before.length), Files.readString(tmp.resolve("child.log")));
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(Files.size(wim) > before.length, "the killed append left a tail");
        Jwim.ok("append", TestTrees.mixed(tmp.resolve("small2")), wim, "two");
        try (WimFile w = WimFile.open(wim)) {
            assertEquals(2, w.imageCount());
            WimHeaderInfo h = w.header();
            assertEquals(Files.size(wim), Math.max(h.xmlOffset() + h.xmlSize(), h.blobTableOffset() + h.blobTableSize()));
        }
        OracleTools.run(tmp, "wimlib-imagex", "verify", wim.toString());
    }
}
