package org.jwim.capture;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.jwim.capture.disk.Disk;

/**
 * Entry point for captures an embedding tool runs:
 * <pre>{@code
 * CaptureReport r = Capture.disk(Path.of("reference.img")).to(Path.of("reference.wim"))
 *         .compression(CompressionType.LZX).threads(4)
 *         .imageInfo(new ImageInfo("Win11 ref", "built by task sequence", "ops", "1.0"))
 *         .run();
 * Capture.directory(Path.of("drivers")).appendTo(Path.of("reference.wim")).run();
 * }</pre>
 */
public final class Capture {
    private Capture() {
    }

    /** A capture of the directory {@code dir} as one image, named after it by default. */
    public static ImageCapture directory(Path dir) {
        return new ImageCapture(Objects.requireNonNull(dir), true);
    }

    /**
     * A capture of the raw NTFS or FAT volume {@code volume} (image file or device, read-only)
     * as one image, named after it by default.
     */
    public static ImageCapture volume(Path volume) {
        return new ImageCapture(Objects.requireNonNull(volume), false);
    }

    /** A capture of every fixed NTFS and FAT32 volume of the disk (image file or device) at {@code disk}. */
    public static DiskCapture disk(Path disk) {
        return new DiskCapture(null, Objects.requireNonNull(disk));
    }

    /** A capture of every fixed NTFS and FAT32 volume of {@code disk}, one image each. */
    public static DiskCapture disk(Disk disk) {
        return new DiskCapture(Objects.requireNonNull(disk), null);
    }

    /**
     * Checks that a WIM can be written at {@code wim}: it is not a directory, and its directory
     * exists and is writable. Every capture does this before any work (for a WIM on a share:
     * before it opens the WIM); a tool can call it earlier still.
     *
     * @throws CaptureException naming the problem
     */
    public static void checkTarget(Path wim) throws IOException {
        Path parent = wim.toAbsolutePath().getParent();
        if (parent != null && wim.getFileSystem() != FileSystems.getDefault()) {
            try { // on a share a failed logon fails here in its own words, not as "no such directory"
                parent.getFileSystem().provider().checkAccess(parent);
            } catch (NoSuchFileException e) {
                // named below
            }
        }
        if (Files.isDirectory(wim)) {
            throw new CaptureException("cannot create " + wim + ": is a directory; give the path of the WIM file to write");
        }
        Path dir = wim.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            // name the directory as the user wrote it, not the absolute form
            Path given = wim.getParent() != null ? wim.getParent() : dir;
            throw new CaptureException("cannot create " + wim + ": no such directory " + given);
        }
        if (!Files.isWritable(dir)) {
            throw new CaptureException("cannot create " + wim + ": "
                    + (Files.getFileStore(dir).isReadOnly() ? "read-only file system" : "permission denied"));
        }
    }
}
