package org.jwim.wim.write;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes back (fdatasync) what was written to a file so far, on a thread of its own, one at a
 * time: a request made during one is served by the next. A head start for the commit's fsync,
 * which otherwise finds the whole WIM dirty (below the kernel's background threshold a 1 GiB
 * capture is not written back before it) and writes it back on the caller's thread at the end,
 * after the capture. Failures are ignored: the commit's own fsync reports them.
 */
final class WriteBack implements AutoCloseable {
    private static final AtomicInteger IDS = new AtomicInteger();
    private final FileChannel out;
    private final Semaphore asked = new Semaphore(0);
    private volatile boolean done;

    WriteBack(FileChannel out) {
        this.out = out;
        Thread t = new Thread(this::run, "jwim-write-back-" + IDS.incrementAndGet());
        t.setDaemon(true);
        t.start();
    }

    /** Asks for a write-back of everything written before this call. */
    void poke() {
        if (asked.availablePermits() == 0) {
            asked.release();
        }
    }

    private void run() {
        try {
            while (true) {
                asked.acquire();
                asked.drainPermits();
                if (done) {
                    return;
                }
                out.force(false);
            }
        } catch (InterruptedException | IOException e) {
            // a head start only: the commit's fsync reports any real failure
        }
    }

    /** Ends the thread (after a write-back in progress). */
    @Override
    public void close() {
        done = true;
        asked.release();
    }
}
