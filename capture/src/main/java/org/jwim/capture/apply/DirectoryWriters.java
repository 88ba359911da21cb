package org.jwim.capture.apply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many threads write file data in a directory apply. Measured on ext4, XFS, tmpfs and
 * ntfs-3g with 32k files (docs/performance.md): a second writer only pays on a core nothing else
 * wants, and on a FUSE file system (ntfs-3g) one writer was fastest whatever the load, since the
 * file system daemon serves one request at a time. Writers beyond one then cost CPU time (and
 * wall time) without writing anything sooner. Thread-safe.
 */
final class DirectoryWriters {
    private DirectoryWriters() {
    }

    /** The writers for an apply to {@code target} asked to use at most {@code threads}. */
    static int choose(Path target, int threads) {
        String type;
        try {
            type = Files.getFileStore(target).type();
        } catch (IOException | SecurityException e) {
            type = "";
        }
        return choose(threads, type, loadAverage(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * The one-minute load average from /proc/loadavg (Linux), or -1. Read directly: the JMX bean
     * that also has it costs more class loading than a small apply takes.
     */
    static double loadAverage() {
        try {
            String s = Files.readString(Path.of("/proc/loadavg"));
            return Double.parseDouble(s.substring(0, s.indexOf(' ')));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * @param fsType the target's file system type as {@link java.nio.file.FileStore#type()} names it
     * @param load   the system's one-minute load average; negative if unknown
     * @param cores  processors available to this process
     */
    static int choose(int threads, String fsType, double load, int cores) {
        if (threads <= 1 || fsType.equals("fuseblk") || fsType.startsWith("fuse")) {
            return 1;
        }
        if (load < 0) {
            return threads;
        }
        long spare = Math.round(cores - load);
        return (int) Math.max(1, Math.min(threads, spare));
    }
}
