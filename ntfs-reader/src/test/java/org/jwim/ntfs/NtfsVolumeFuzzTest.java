package org.jwim.ntfs;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;

/**
 * Fuzz target for the NTFS reader: boot sector, MFT records and fixups, attributes, run lists,
 * indexes, LZNT1. Only {@link NtfsFormatException} may escape; damaged records become
 * warnings. Plain {@code mvn test} replays the seeds in NtfsVolumeFuzzTestInputs.
 */
class NtfsVolumeFuzzTest {
    private static final Path SHM = Path.of("/dev/shm");

    @FuzzTest(maxDuration = "30s")
    void openAndWalk(byte[] data) throws IOException {
        Path p = Files.isWritable(SHM) ? Files.createTempFile(SHM, "ntfs", ".img") : Files.createTempFile("ntfs", ".img");
        try {
            Files.write(p, data);
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                NtfsVolume vol = NtfsVolume.open(ch, 0, ch.size(), w -> { });
                ArrayDeque<NtfsFile> stack = new ArrayDeque<>();
                stack.push(vol.root());
                int visited = 0;
                while (!stack.isEmpty() && visited++ < 10_000) {
                    NtfsFile dir = stack.pop();
                    for (NtfsDirEntry e : vol.list(dir)) {
                        NtfsFile f = e.file();
                        f.securityDescriptor();
                        if (f.isDirectory()) {
                            stack.push(f);
                        }
                        for (NtfsStream s : f.streams()) {
                            try (InputStream in = s.open()) {
                                in.transferTo(java.io.OutputStream.nullOutputStream());
                            }
                        }
                    }
                }
            } catch (NtfsFormatException expected) {
                // the one documented failure
            }
        } finally {
            Files.deleteIfExists(p);
        }
    }
}
