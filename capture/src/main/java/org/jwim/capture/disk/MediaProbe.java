package org.jwim.capture.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells fixed from removable and USB disks on Linux from sysfs: the block device's
 * {@code removable} flag, and a {@code /usb} component in its resolved device path. Tests
 * point it at a fake sysfs tree.
 */
public final class MediaProbe {
    private final Path sysfs;

    public MediaProbe(Path sysfsRoot) {
        this.sysfs = sysfsRoot;
    }

    /** The real {@code /sys}. */
    public static MediaProbe system() {
        return new MediaProbe(Path.of("/sys"));
    }

    /**
     * Media kind of a block device path such as {@code /dev/sdb} or {@code /dev/nvme0n1p2};
     * {@link MediaKind#UNKNOWN} if sysfs does not know it.
     */
    public MediaKind probe(Path device) {
        String name = device.getFileName().toString();
        Path block = sysfs.resolve("class/block").resolve(name);
        if (!Files.exists(block)) {
            return MediaKind.UNKNOWN;
        }
        try {
            Path real = block.toRealPath();
            // A partition's sysfs directory sits inside its disk's directory.
            Path disk = Files.exists(real.resolve("partition")) ? real.getParent() : real;
            if (disk.toString().contains("/usb")) {
                return MediaKind.USB;
            }
            Path removable = disk.resolve("removable");
            if (Files.exists(removable) && Files.readString(removable).trim().equals("1")) {
                return MediaKind.REMOVABLE;
            }
            return MediaKind.FIXED;
        } catch (IOException e) {
            return MediaKind.UNKNOWN;
        }
    }

    /**
     * True only when sysfs says the device under {@code file} does not rotate ({@code
     * queue/rotational} is 0): for a block device its own disk, for a disk image the device
     * of the file system holding it (device numbers from {@code unix:rdev} or {@code unix:dev}).
     * False for a spinning disk and whenever it cannot be told (no sysfs, a virtual device).
     */
    public boolean solidState(Path file) {
        try {
            boolean device = !Files.isRegularFile(file);
            long dev = ((Number) Files.getAttribute(file, device ? "unix:rdev" : "unix:dev")).longValue();
            long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
            long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
            Path real = sysfs.resolve("dev/block/" + major + ":" + minor).toRealPath();
            // A partition's sysfs directory sits inside its disk's directory, which has the queue.
            Path disk = Files.exists(real.resolve("partition")) ? real.getParent() : real;
            Path rotational = disk.resolve("queue/rotational");
            return Files.exists(rotational) && Files.readString(rotational).trim().equals("0");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return false;
        }
    }

    /** Logical sector size from sysfs, or 0 if unknown. */
    public int logicalSectorSize(Path device) {
        Path f = sysfs.resolve("class/block").resolve(device.getFileName().toString())
                .resolve("queue/logical_block_size");
        try {
            return Files.exists(f) ? Integer.parseInt(Files.readString(f).trim()) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
