package org.jwim.capture.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The number of writer threads follows the spare cores and the file system type. */
class DirectoryWritersTest {
    @TempDir
    Path tmp;

    @Test
    void oneWriterPerCoreNoOtherThreadWantsUpToTheLimit() {
        assertEquals(2, DirectoryWriters.choose(2, "ext4", 0, 2));
        assertEquals(2, DirectoryWriters.choose(4, "xfs", 0, 2));
        assertEquals(3, DirectoryWriters.choose(8, "tmpfs", 5, 8));
        assertEquals(1, DirectoryWriters.choose(2, "ext4", 1, 2), "one core busy elsewhere");
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
            assertTrue(DirectoryWriters.runningElsewhere() >= 0, "a run queue on Linux");
        }
        int n = DirectoryWriters.choose(tmp, 64);
        assertTrue(n >= 1 && n <= Runtime.getRuntime().availableProcessors(), "got " + n);
    }

    @Test
    void ownRunningThreadsAreNotLoad() {
        String loadavg = "1.71 1.52 1.30 4/467 12345\n";
        List<String> own = List.of("101 (java) R 1 101 ...", "102 (C2 CompilerThre) R 1 101 ...",
                "103 (jwim) S) R 1 101 ...", "104 (GC Thread#0) S 1 101 ...");
        assertEquals(1, DirectoryWriters.elsewhere(loadavg, own), "4 running, 3 of them ours");
        assertEquals(4, DirectoryWriters.elsewhere(loadavg, List.of()));
        assertEquals(0, DirectoryWriters.elsewhere("0.1 0.1 0.1 1/99 7", own), "never negative");
    }
}
