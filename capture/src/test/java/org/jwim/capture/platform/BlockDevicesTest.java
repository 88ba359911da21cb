package org.jwim.capture.platform;

import org.jwim.capture.testing.OracleTools;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** A device is told by the file's type, not by a path under /dev. */
class BlockDevicesTest {
    @Test
    @EnabledOnOs(OS.LINUX)
    void anImageFileUnderDevShmIsNotADevice() throws IOException {
        Path shm = Path.of("/dev/shm");
        OracleTools.requireEnvironment(Files.isDirectory(shm) && Files.isWritable(shm), "/dev/shm is not a writable directory here");
        Path img = Files.createTempFile(shm, "jwim-", ".img");
        try {
            assertFalse(BlockDevices.isDevice(img));
            assertFalse(BlockDevices.isDevice(shm));
        } finally {
            Files.delete(img);
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aDeviceNodeIsADevice() {
        assertTrue(BlockDevices.isDevice(Path.of("/dev/null")));
        assertTrue(BlockDevices.isDevice(Path.of("\\\\.\\PhysicalDrive0")));
    }
}
