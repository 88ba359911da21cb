package org.jwim.capture.disk;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jwim.capture.testing.OracleTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MediaProbe#solidState}: the device of an image file's file system is found in sysfs
 * by its numbers (as stat(1) decodes them), a partition reads its disk's queue, and anything
 * sysfs does not say counts as rotating.
 */
class SolidStateProbeTest {
    @TempDir
    Path tmp;

    /** A fake sysfs whose device for {@code file}'s file system is disk "vdz" (or its partition). */
    private MediaProbe probe(Path file, String rotational, boolean partition) throws Exception {
        OracleTools.requireTool("stat");
        String numbers = OracleTools.run(null, "stat", "-c", "%Hd:%Ld", file.toString()).trim();
        Path sys = tmp.resolve("sys");
        Path disk = Files.createDirectories(sys.resolve("devices/virtio9/block/vdz"));
        Files.createDirectories(disk.resolve("queue"));
        Files.writeString(disk.resolve("queue/rotational"), rotational + "\n");
        Path target = disk;
        if (partition) {
            target = Files.createDirectories(disk.resolve("vdz1"));
            Files.writeString(target.resolve("partition"), "1\n");
        }
        Files.createDirectories(sys.resolve("dev/block"));
        Files.createSymbolicLink(sys.resolve("dev/block/" + numbers), target);
        return new MediaProbe(sys);
    }

    @Test
    void anImageOnANonRotatingDiskIsSolidState() throws Exception {
        Path img = Files.createFile(tmp.resolve("disk.img"));
        assertTrue(probe(img, "0", false).solidState(img));
    }

    @Test
    void aPartitionReadsItsDisksQueue() throws Exception {
        Path img = Files.createFile(tmp.resolve("disk.img"));
        assertTrue(probe(img, "0", true).solidState(img));
    }

    @Test
    void aRotatingOrUnknownDiskIsNot() throws Exception {
        Path img = Files.createFile(tmp.resolve("disk.img"));
        assertFalse(probe(img, "1", false).solidState(img));
        assertFalse(new MediaProbe(tmp.resolve("no-sysfs")).solidState(img));
        assertFalse(new MediaProbe(tmp.resolve("no-sysfs")).solidState(tmp.resolve("missing.img")));
    }
}
