package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.testing.TestTrees;

/**
 * optimize and delete killed with SIGKILL at random times leave the WIM byte-identical (or,
 * killed after the rename, the complete result): they write a temporary file and only rename a
 * complete one into place. An append (and a soft delete) writes in place instead:
 * {@link KilledAppendTest}.
 */
class KilledMaintenanceTest {
    private static final int ROUNDS = 8;

    @TempDir
    Path tmp;

    /** Three images of 12 distinct 2 MiB files each, uncompressed (so the rebuild has work). */
    private Path wim() throws IOException {
        Path wim = tmp.resolve("w.wim");
        for (int image = 0; image < 3; image++) {
            Path src = Files.createDirectories(tmp.resolve("src" + image));
            byte[] data = TestTrees.pattern(2 << 20, 7);
            for (int i = 0; i < 12; i++) {
                data[0] = (byte) i;
                data[1] = (byte) image;
                Files.write(src.resolve("f" + i + ".bin"), data);
            }
            Jwim.ok(image == 0 ? "capture" : "append", src, wim, "img" + image, "--compress=none");
        }
        return wim;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"optimize --compress=xpress", "delete 2"})
    void killAtRandomTimesLeavesTheWimByteIdentical(String command) throws Exception {
        Path wim = wim();
        byte[] before = Files.readAllBytes(wim);
        Path pristine = tmp.resolve("pristine.wim");
        Files.copy(wim, pristine);
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add(1, wim.toString());

        // one uninterrupted run gives the time range to kill in: from the temporary file's
        // appearance to the exit (a fraction of the whole run, most of which is the JVM start)
        Process full = start(args);
        while (full.isAlive() && !hasTemp()) {
            Thread.sleep(1);
        }
        long t0 = System.nanoTime();
        assertTrue(full.waitFor(120, TimeUnit.SECONDS) && full.exitValue() == 0, log());
        long workMillis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(!java.util.Arrays.equals(before, Files.readAllBytes(wim)), "the command changed nothing");
        Jwim.ok("verify", wim);
        byte[] after = Files.readAllBytes(wim);

        Random rnd = new Random(command.hashCode());
        int killedMidway = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Files.copy(pristine, wim, StandardCopyOption.REPLACE_EXISTING);
            removeTemps(); // a killed round leaves its temporary file behind
            Process p = start(args);
            // kill at a random time after the temporary file appears (the JVM start is no test)
            boolean sawTemp = false;
            while (p.isAlive() && !(sawTemp = hasTemp())) {
                Thread.sleep(1);
            }
            Thread.sleep(rnd.nextInt((int) Math.max(1, workMillis / 2)));
            boolean finished = !sawTemp || !p.isAlive();
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            byte[] now = Files.readAllBytes(wim);
            if (java.util.Arrays.equals(before, now)) {
                killedMidway += finished ? 0 : 1;
            } else {
                // killed after the rename, before the JVM exited: the complete result, never a mix
                assertArrayEquals(after, now, "round " + round + ": neither the original nor the result");
            }
        }
        assertTrue(killedMidway >= ROUNDS / 2, "only " + killedMidway + " of " + ROUNDS
                + " kills came before the command finished (" + workMillis + " ms with the temporary file)");
        Jwim.ok("verify", wim);
    }

    private void removeTemps() throws IOException {
        try (var files = Files.list(tmp)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().startsWith(".w.wim.jwim-")) {
                    Files.delete(f);
                }
            }
        }
    }

    private boolean hasTemp() throws IOException {
        try (var files = Files.list(tmp)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(".w.wim.jwim-"));
        }
    }

    private Process start(List<String> args) throws IOException {
        return new ProcessBuilder(JwimProcess.command(args.toArray(String[]::new))).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile()).start();
    }

    private String log() throws IOException {
        return Files.readString(tmp.resolve("child.log"));
    }
}
