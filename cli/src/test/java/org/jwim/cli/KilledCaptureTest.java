package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.testing.TestTrees;

/**
 * A capture killed with SIGKILL while it writes leaves nothing under the final name, and an
 * existing WIM at that name byte-identical (the writer only renames a complete temp file).
 */
class KilledCaptureTest {
    private static final int FILES = 32;
    private static final int FILE_SIZE = 4 << 20;

    @TempDir
    Path tmp;

    private Path bigTree() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("big"));
        byte[] data = TestTrees.pattern(FILE_SIZE, 42);
        for (int i = 0; i < FILES; i++) {
            data[0] = (byte) i; // distinct blobs
            data[1] = (byte) (i >> 8);
            Files.write(src.resolve("file" + i + ".bin"), data);
        }
        return src;
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
    }

    /** Starts the capture in a child JVM and kills it once its temp file has grown past 1 MiB. */
    private void killMidway(Path src, Path wim) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(JwimProcess.command("capture", src.toString(),
                wim.toString(), "--compress=none")).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile());
        Process p = pb.start();
        boolean sawTemp = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && System.nanoTime() < deadline) {
            if (tempSize(wim) > (1 << 20)) {
                sawTemp = true;
                break;
            }
            Thread.sleep(2);
        }
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        assertTrue(sawTemp, "the child finished or failed before it could be killed: "
                + Files.readString(tmp.resolve("child.log")));
    }

    private static long tempSize(Path wim) throws IOException {
        try (Stream<Path> s = Files.list(wim.getParent())) {
            List<Path> temps = s.filter(p -> !p.equals(wim)).toList();
            long max = 0;
            for (Path t : temps) {
                try {
                    max = Math.max(max, Files.size(t));
                } catch (IOException gone) {
                    // renamed or deleted meanwhile
                }
            }
            return max;
        }
    }
}
