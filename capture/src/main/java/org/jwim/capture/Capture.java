package org.jwim.capture;

import org.jwim.capture.disk.Disk;

/**
 * Entry point for captures an embedding tool runs:
 * <pre>{@code
 * try (Disk disk = Disk.open(Path.of("reference.img"))) {
 *     CaptureReport r = Capture.disk(disk).to(Path.of("reference.wim"))
 *             .compression(CompressionType.LZX).threads(4)
 *             .imageInfo(new ImageInfo("Win11 ref", "built by task sequence", "ops", "1.0"))
 *             .run();
 * }
 * }</pre>
 */
public final class Capture {
    private Capture() {
    }

    /** A capture of every fixed NTFS and FAT32 volume of {@code disk}, one image each. */
    public static DiskCapture disk(Disk disk) {
        return new DiskCapture(disk);
    }
}
