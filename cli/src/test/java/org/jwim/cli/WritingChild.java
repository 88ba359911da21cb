package org.jwim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jwim.capture.testing.TestTrees;

/** A jwim child JVM caught while it writes a WIM, for the kill and signal tests. */
final class WritingChild {
    private static final int FILES = 32;
    private static final int FILE_SIZE = 4 << 20;

    private WritingChild() {
    }

    /** 32 distinct 4 MiB files in {@code dir}: long enough a write to catch midway. */
    static Path bigTree(Path dir) throws IOException {
        Path src = Files.createDirectories(dir);
        byte[] data = TestTrees.pattern(FILE_SIZE, 42);
        for (int i = 0; i < FILES; i++) {
            data[0] = (byte) i; // distinct blobs
            data[1] = (byte) (i >> 8);
            Files.write(src.resolve("file" + i + ".bin"), data);
        }
        return src;
    }

    /**
     * Waits (up to a minute) until a file beside {@code wim} other than it, the writer's
     * temporary file, has passed 1 MiB; false if {@code p} ended first.
     */
    static boolean awaitTemporaryFile(Process p, Path wim) throws IOException, InterruptedException {
        return await(p, () -> tempSize(wim) > (1 << 20));
    }

    /**
     * Waits (up to a minute) until {@code wim}, appended to in place, has grown 1 MiB past
     * {@code size}; false if {@code p} ended first.
     */
    static boolean awaitGrowth(Process p, Path wim, long size) throws IOException, InterruptedException {
        return await(p, () -> Files.size(wim) > size + (1 << 20));
    }

    private interface Check {
        boolean met() throws IOException;
    }

    private static boolean await(Process p, Check check) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && System.nanoTime() < deadline) {
            if (check.met()) {
                return true;
            }
            Thread.sleep(2);
        }
        return false;
    }

    private static long tempSize(Path wim) throws IOException {
        try (Stream<Path> s = Files.list(wim.getParent())) {
            long max = 0;
            for (Path t : s.filter(p -> !p.equals(wim)).toList()) {
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
