package org.jwim.wim.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Temporary files for fuzz inputs, in RAM (/dev/shm) where the machine has it. */
final class FuzzFiles {
    private static final Path SHM = Path.of("/dev/shm");

    private FuzzFiles() {
    }

    static Path temp(String suffix) throws IOException {
        return Files.isDirectory(SHM) && Files.isWritable(SHM)
                ? Files.createTempFile(SHM, "jwim-fuzz", suffix) : Files.createTempFile("jwim-fuzz", suffix);
    }
}
