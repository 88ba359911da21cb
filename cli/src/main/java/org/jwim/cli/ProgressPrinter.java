package org.jwim.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jwim.wim.ProgressEvent;
import org.jwim.wim.ProgressListener;

/**
 * Progress on stderr, wimlib's wording ("Archiving file data: 12 MiB of 300 MiB (4%) done"),
 * in the {@link Mode} chosen with {@code --progress}: a self-overwriting bar with an ETA, or
 * timestamped lines for logs. Every line it starts is ended. Thread-safe.
 */
final class ProgressPrinter implements ProgressListener {
    /** How progress is shown; AUTO is BAR when stderr is a terminal, else NONE. */
    enum Mode {
        AUTO, BAR, PLAIN, NONE;

        static Mode parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--progress=" + s + ": expected auto, bar, plain or none");
            }
        }
    }

    private static final long BAR_INTERVAL_NANOS = 200_000_000L;
    private static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    /** The mode of the command line being run (set by {@link Main#run} around each run). */
    private static volatile Mode current = Mode.AUTO;

    private final PrintWriter err;
    private final Mode mode;
    private final long interval;
    private final long started = System.nanoTime();
    private long last;
    private boolean dirty;
    private String lastLine;

    ProgressPrinter(PrintWriter err) {
        this.err = err;
        Mode m = current;
        this.mode = m == Mode.AUTO ? (stderrIsTerminal() ? Mode.BAR : Mode.NONE) : m;
        this.interval = mode == Mode.PLAIN ? PLAIN_INTERVAL_NANOS : BAR_INTERVAL_NANOS;
    }

    static void mode(Mode m) {
        current = m;
    }

    /**
     * Whether this process's stderr is a terminal (not {@code System.console()}, which needs
     * stdin and stdout too): on Linux from what fd 2 is, elsewhere from the console.
     */
    static boolean stderrIsTerminal() {
        Path fd2 = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd2)) {
                String to = Files.readSymbolicLink(fd2).toString();
                return to.startsWith("/dev/pts/") || to.startsWith("/dev/tty");
            }
        } catch (java.io.IOException | UnsupportedOperationException e) {
            // fall back to the console below
        }
        return System.console() != null;
    }

    @Override
    public synchronized void onEvent(ProgressEvent event) {
        if (mode == Mode.NONE) {
            return;
        }
        boolean done = false;
        String line;
        if (event instanceof ProgressEvent.Scan s) {
            line = String.format("Scanning: %d entries, %s", s.files(), size(s.bytes(), s.bytes()));
        } else if (event instanceof ProgressEvent.WriteProgress w) {
            done = w.bytesDone() == w.bytesTotal();
            line = "Archiving file data: " + amounts(w.bytesDone(), w.bytesTotal());
        } else if (event instanceof ProgressEvent.ApplyProgress a) {
            done = a.bytesDone() == a.bytesTotal();
            line = "Extracting file data: " + amounts(a.bytesDone(), a.bytesTotal());
        } else {
            return;
        }
        long now = System.nanoTime();
        if (line.equals(lastLine) || !done && last != 0 && now - last < interval) {
            return;
        }
        last = now;
        lastLine = line;
        if (mode == Mode.PLAIN) {
            err.println(STAMP.format(Instant.now()) + " " + line);
        } else {
            err.print("\r" + line + eta(event, now) + "   ");
            dirty = true;
        }
        err.flush();
    }

    /** Ends the progress line, if one was printed. */
    synchronized void finish() {
        if (dirty) {
            err.println();
            dirty = false;
        }
    }

    private static String amounts(long done, long total) {
        return size(done, total) + " of " + size(total, total) + " (" + percent(done, total) + "%) done";
    }

    /** {@code bytes} in the unit suiting {@code scale}: KiB below 10 MiB, else MiB. */
    static String size(long bytes, long scale) {
        return scale < 10L << 20 ? (bytes + 1023) / 1024 + " KiB" : (bytes >> 20) + " MiB";
    }

    /** ", ETA 1:23" once enough is done to estimate, for the bar. */
    private String eta(ProgressEvent e, long now) {
        long done;
        long total;
        if (e instanceof ProgressEvent.WriteProgress w) {
            done = w.bytesDone();
            total = w.bytesTotal();
        } else if (e instanceof ProgressEvent.ApplyProgress a) {
            done = a.bytesDone();
            total = a.bytesTotal();
        } else {
            return "";
        }
        long elapsed = now - started;
        if (done <= 0 || done >= total || elapsed < 2_000_000_000L) {
            return "";
        }
        long left = (long) ((double) elapsed * (total - done) / done / 1e9);
        return String.format(", ETA %d:%02d", left / 60, left % 60);
    }

    private static long percent(long done, long total) {
        return total == 0 ? 100 : done * 100 / total;
    }
}
