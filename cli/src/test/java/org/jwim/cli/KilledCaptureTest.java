package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.testing.TestTrees;
import org.jwim.wim.WimWriter;

/**
 * A capture killed with SIGKILL while it writes leaves nothing under the final name, and an
 * existing WIM at that name byte-identical (the writer only renames a complete temp file).
 */
class KilledCaptureTest {
    @TempDir
    Path tmp;

    private Path bigTree() throws IOException {
        return WritingChild.bigTree(tmp.resolve("big"));
    }

    @Test
    void killedCaptureLeavesNoFileUnderTheFinalName() throws Exception {
        Path src = bigTree();
        Path wim = tmp.resolve("out/new.wim");
        Files.createDirectories(wim.getParent());
        killMidway(src, wim);
        assertFalse(Files.exists(wim), "a killed capture must not leave " + wim);
    }

    @Test
    void killedCaptureLeavesExistingWimByteIdentical() throws Exception {
        Path small = TestTrees.mixed(tmp.resolve("small"));
        Path wim = tmp.resolve("out/existing.wim");
        Files.createDirectories(wim.getParent());
        Jwim.ok("capture", small, wim, "--compress=none");
        byte[] before = Files.readAllBytes(wim);
        Path src = bigTree();
        killMidway(src, wim);
        assertArrayEquals(before, Files.readAllBytes(wim), "the existing WIM changed");
        Jwim.ok("verify", wim);
        assertEquals(1, temporaries(wim), "the killed writer's temporary file");
        Jwim.ok("capture", small, wim, "--compress=none");
        assertEquals(0, temporaries(wim), "the next capture to the same WIM removes it");
    }

    private static long temporaries(Path wim) throws Exception {
        try (var files = Files.list(wim.getParent())) {
            return files.filter(f -> WimWriter.isTemporaryName(f.getFileName().toString(),
                    wim.getFileName().toString())).count();
        }
    }

    /** Starts the capture in a child JVM and kills it once its temp file has grown past 1 MiB. */
    private void killMidway(Path src, Path wim) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(JwimProcess.command("capture", src.toString(),
                wim.toString(), "--compress=none")).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile());
        Process p = pb.start();
        boolean sawTemp = WritingChild.awaitTemporaryFile(p, wim);
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        assertTrue(sawTemp, "the child finished or failed before it could be killed: "
                + Files.readString(tmp.resolve("child.log")));
    }
}
