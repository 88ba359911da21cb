package org.jwim.capture.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The number of writer threads follows the spare cores and the file system type. */
class DirectoryWritersTest {
    @TempDir
    Path tmp;

    @Test
    void oneWriterPerSpareCoreUpToTheLimit() {
        assertEquals(2, DirectoryWriters.choose(2, "ext4", 0.1, 2));
        assertEquals(2, DirectoryWriters.choose(4, "xfs", 0.4, 2));
        assertEquals(3, DirectoryWriters.choose(8, "tmpfs", 4.8, 8));
        assertEquals(1, DirectoryWriters.choose(2, "ext4", 1.2, 2), "one core busy elsewhere");
        assertEquals(1, DirectoryWriters.choose(2, "ext4", 12, 2), "an overloaded machine");
        assertEquals(2, DirectoryWriters.choose(2, "ext4", -1, 2), "load unknown: as asked");
        assertEquals(1, DirectoryWriters.choose(1, "ext4", 0, 8), "never more than asked");
    }

    @Test
    void oneWriterOnFuse() {
        assertEquals(1, DirectoryWriters.choose(4, "fuseblk", 0, 4), "ntfs-3g on a block device");
        assertEquals(1, DirectoryWriters.choose(4, "fuse", 0, 4));
        assertEquals(1, DirectoryWriters.choose(4, "fuse.sshfs", 0, 4));
    }

    @Test
    void readsTheHostsLoadAndFileSystem() {
        if (Files.isReadable(Path.of("/proc/loadavg"))) {
            assertTrue(DirectoryWriters.loadAverage() >= 0, "a load average on Linux");
        }
        int n = DirectoryWriters.choose(tmp, 64);
        assertTrue(n >= 1 && n <= Runtime.getRuntime().availableProcessors(), "got " + n);
    }
}
