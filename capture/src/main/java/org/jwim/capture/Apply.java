package org.jwim.capture;

import org.jwim.wim.WimFile;

/**
 * Entry point for applies an embedding tool runs (ConfigMgr's "Apply Operating System Image"):
 * <pre>{@code
 * try (WimFile wim = WimFile.open(Path.of("reference.wim"));
 *      Disk disk = Disk.openWritable(Path.of("/dev/sda"))) {
 *     DiskApplyReport r = Apply.wim(wim).toDisk(disk).protect("_SMSTaskSequence").run();
 * }
 * }</pre>
 */
public final class Apply {
    private Apply() {
    }

    /** An apply of {@code wim}'s images; pick the target with toDisk or toDirectories. */
    public static DiskApply wim(WimFile wim) {
        return new DiskApply(wim);
    }
}
