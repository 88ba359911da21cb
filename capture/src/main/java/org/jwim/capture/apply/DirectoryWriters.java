package org.jwim.capture.apply;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How many threads write file data in a directory apply. Measured on ext4, XFS, tmpfs and
 * ntfs-3g with 32k-35k files (docs/performance.md): a second writer only pays on a core nothing
 * else wants, and on a FUSE file system (ntfs-3g) one writer was fastest whatever the load, since
 * the file system daemon serves one request at a time. Writers beyond one then cost CPU time (and
 * wall time) without writing anything sooner.
 * <p>"Wanted elsewhere" is the number of other threads running or waiting to run now, not the
 * one-minute load average: that average still counts, for a minute, an apply (or a build) that
 * has ended, so a 2-core machine that had just run one at full speed got one writer. Thread-safe.
 */
final class DirectoryWriters {
    private static final System.Logger LOG = System.getLogger(DirectoryWriters.class.getName());
    private static final Path LOADAVG = Path.of("/proc/loadavg");
    private static final Path OWN_THREADS = Path.of("/proc/self/task");
    /** Readings of the run queue, a millisecond apart; their median smooths out a burst. */
    private static final int SAMPLES = 5;

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
        if (threads <= 1 || isFuse(type)) {
            return 1;
        }
        int elsewhere = runningElsewhere();
        int cores = Runtime.getRuntime().availableProcessors();
        int n = choose(threads, type, elsewhere, cores);
        LOG.log(System.Logger.Level.DEBUG, () -> n + " writers: " + elsewhere + " threads of other processes running, "
                + cores + " cores, at most " + threads + " asked");
        return n;
    }

    /**
     * Threads of other processes running or runnable now (Linux), or -1: the machine's count
     * (the fourth field of /proc/loadavg) less this process's own running threads (this one, a
     * JIT compiler that happens to run), the median of {@value #SAMPLES} readings.
     */
    static int runningElsewhere() {
        int[] seen = new int[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            if (i > 0) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
            seen[i] = runnableNow();
            if (seen[i] < 0) {
                return -1;
            }
        }
        Arrays.sort(seen);
        return seen[SAMPLES / 2];
    }

    private static int runnableNow() {
        try {
            List<String> own = new ArrayList<>();
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(OWN_THREADS)) {
                for (Path t : tasks) {
                    try {
                        own.add(Files.readString(t.resolve("stat")));
                    } catch (IOException gone) {
                        // the thread ended
                    }
                }
            }
            return elsewhere(Files.readString(LOADAVG), own);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The runnable threads of {@code loadavg} (a /proc/loadavg line: "0.52 0.58 0.59 3/467
     * 12345") that are not among {@code ownStats} (this process's /proc/self/task/N/stat lines)
     * in state R.
     */
    static int elsewhere(String loadavg, List<String> ownStats) {
        String f = loadavg.split(" ")[3];
        int all = Integer.parseInt(f.substring(0, f.indexOf('/')));
        int own = 0;
        for (String stat : ownStats) {
            int end = stat.lastIndexOf(')'); // the name, in parentheses, may hold anything
            if (end >= 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'R') {
                own++;
            }
        }
        return Math.max(0, all - own);
    }

    static boolean isFuse(String fsType) {
        return fsType.equals("fuseblk") || fsType.startsWith("fuse");
    }

    /**
     * @param fsType    the target's file system type as {@link java.nio.file.FileStore#type()} names it
     * @param elsewhere threads of other processes running or runnable now; negative if unknown
     * @param cores     processors available to this process
     */
    static int choose(int threads, String fsType, int elsewhere, int cores) {
        if (threads <= 1 || isFuse(fsType)) {
            return 1;
        }
        if (elsewhere < 0) {
            return threads;
        }
        return Math.max(1, Math.min(threads, cores - elsewhere));
    }
}
