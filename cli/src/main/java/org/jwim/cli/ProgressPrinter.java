package org.jwim.cli;

import java.io.PrintWriter;
import org.jwim.wim.ProgressEvent;
import org.jwim.wim.ProgressListener;

/**
 * Prints one self-overwriting progress line on stderr, wimlib style ("Archiving file data:
 * 12 MiB of 300 MiB (4%) done"), at most about five times a second. Silent unless stderr is a
 * terminal, so logs and tests stay clean. Thread-safe.
 */
final class ProgressPrinter implements ProgressListener {
    private static final long MIB = 1 << 20;
    private static final long INTERVAL_NANOS = 200_000_000L;
    private final PrintWriter err;
    private final boolean enabled;
    private long last;
    private boolean dirty;

    ProgressPrinter(PrintWriter err) {
        this.err = err;
        this.enabled = System.console() != null;
    }

    @Override
    public synchronized void onEvent(ProgressEvent event) {
        if (!enabled) {
            return;
        }
        boolean done = false;
        String line;
        if (event instanceof ProgressEvent.Scan s) {
            line = String.format("Scanning: %d entries, %d MiB", s.files(), s.bytes() / MIB);
        } else if (event instanceof ProgressEvent.WriteProgress w) {
            done = w.bytesDone() == w.bytesTotal();
            line = String.format("Archiving file data: %d MiB of %d MiB (%d%%) done",
                    w.bytesDone() / MIB, w.bytesTotal() / MIB, percent(w.bytesDone(), w.bytesTotal()));
        } else if (event instanceof ProgressEvent.ApplyProgress a) {
            done = a.bytesDone() == a.bytesTotal();
            line = String.format("Extracting file data: %d MiB of %d MiB (%d%%) done",
                    a.bytesDone() / MIB, a.bytesTotal() / MIB, percent(a.bytesDone(), a.bytesTotal()));
        } else {
            return;
        }
        long now = System.nanoTime();
        if (!done && now - last < INTERVAL_NANOS) {
            return;
        }
        last = now;
        err.print("\r" + line + "   ");
        err.flush();
        dirty = true;
    }

    /** Ends the progress line, if one was printed. */
    synchronized void finish() {
        if (dirty) {
            err.println();
            dirty = false;
        }
    }

    private static long percent(long done, long total) {
        return total == 0 ? 100 : done * 100 / total;
    }
}
