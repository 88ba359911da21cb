package org.jwim.capture.platform;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Size and sector size of block devices, which {@code FileChannel.size()} reports as 0.
 * Linux: the BLKGETSIZE64 and BLKSSZGET ioctls through JNA. Windows: see {@link WindowsDisks}.
 */
public final class BlockDevices {
    private static final long BLKGETSIZE64 = 0x80081272L;
    private static final long BLKSSZGET = 0x1268L;
    private static final int O_RDONLY = 0;

    /** The libc calls used here. */
    interface LibC extends Library {
        int open(String path, int flags);

        int ioctl(int fd, NativeLong request, LongByReference value);

        int ioctl(int fd, NativeLong request, IntByReference value);

        int close(int fd);
    }

    /** Geometry of a device. */
    public record Geometry(long size, int sectorSize) {
    }

    private BlockDevices() {
    }

    /**
     * True if the path names a device rather than a regular (image) file or directory. On
     * Windows that is a {@code \\.\} path; elsewhere, by the file's type and not its name, as
     * disk images often live under {@code /dev/shm}.
     */
    public static boolean isDevice(Path path) {
        if (path.toString().startsWith("\\\\.\\")) {
            return true;
        }
        return !Platform.isWindows() && Files.exists(path) && !Files.isRegularFile(path)
                && !Files.isDirectory(path);
    }

    /** Windows: bus type (USB) and removable flag of a physical drive. */
    public static org.jwim.capture.disk.MediaKind windowsMedia(Path device) throws IOException {
        return WindowsDisks.media(device.toString());
    }

    public static Geometry geometry(Path device) throws IOException {
        if (Platform.isWindows()) {
            return WindowsDisks.geometry(device.toString());
        }
        if (!Platform.isLinux()) {
            throw new IOException("reading the size of block device " + device
                    + " is implemented for Linux and Windows only");
        }
        LibC c = Native.load("c", LibC.class);
        int fd = c.open(device.toString(), O_RDONLY);
        if (fd < 0) {
            throw new IOException("cannot open " + device + " (errno " + Native.getLastError() + ")");
        }
        try {
            LongByReference size = new LongByReference();
            if (c.ioctl(fd, new NativeLong(BLKGETSIZE64), size) != 0) {
                throw new IOException("BLKGETSIZE64 failed on " + device + " (errno "
                        + Native.getLastError() + ")");
            }
            IntByReference sector = new IntByReference();
            int ss = c.ioctl(fd, new NativeLong(BLKSSZGET), sector) == 0 ? sector.getValue() : 512;
            return new Geometry(size.getValue(), ss);
        } finally {
            c.close(fd);
        }
    }
}
