package org.jwim.fat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;

/**
 * Fuzz target for the FAT reader: BPB, FATs, directories and cluster chains. Only
 * {@link FatFormatException} may escape; the walk is bounded. Plain {@code mvn test} replays
 * the seeds in FatVolumeFuzzTestInputs (made by scripts/fuzz/make-seeds.sh).
 */
class FatVolumeFuzzTest {
    private static final Path SHM = Path.of("/dev/shm");

    @FuzzTest(maxDuration = "30s")
    void openAndWalk(byte[] data) throws IOException {
        Path p = Files.isWritable(SHM) ? Files.createTempFile(SHM, "fat", ".img") : Files.createTempFile("fat", ".img");
        try {
            Files.write(p, data);
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                FatVolume vol = FatVolume.open(ch, 0, ch.size(), w -> { });
                ArrayDeque<FatEntry> stack = new ArrayDeque<>();
                stack.push(vol.root());
                int visited = 0;
                while (!stack.isEmpty() && visited++ < 10_000) {
                    for (FatEntry e : vol.list(stack.pop())) {
                        if (e.isDirectory()) {
                            stack.push(e);
                        } else {
                            try (InputStream in = e.open()) {
                                in.transferTo(java.io.OutputStream.nullOutputStream());
                            }
                        }
                    }
                }
            } catch (FatFormatException expected) {
                // the one documented failure
            }
        } finally {
            Files.deleteIfExists(p);
        }
    }
}
