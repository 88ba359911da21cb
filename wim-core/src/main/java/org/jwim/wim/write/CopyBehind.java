package org.jwim.wim.write;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Copies resources taken over as stored (blobs an incremental capture or an export reuses) on a
 * thread of its own while the writer goes on with what follows them (new blobs, metadata), then
 * starts the output's write-back (fdatasync), so that the commit's fsync finds little left to
 * do. The writer has already reserved each range's place ({@link ResourceWriter#reserve}).
 * Not thread-safe: one writer thread calls it.
 */
public final class CopyBehind {
    private final FileChannel out;
    private final List<Range> ranges = new ArrayList<>();
    private FutureTask<Void> copy;
    private Thread thread;

    private record Range(FileChannel from, long offset, long length, long at) {
    }

    public CopyBehind(FileChannel out) {
        this.out = out;
    }

    /** Queues a copy of {@code length} bytes of {@code from} at {@code offset} to {@code at} here. */
    public void add(FileChannel from, long offset, long length, long at) {
        ranges.add(new Range(from, offset, length, at));
    }

    /** Starts copying what was queued (after waiting for an earlier batch). */
    public void start() throws IOException {
        awaitCopied();
        join();
        if (ranges.isEmpty()) {
            return;
        }
        List<Range> batch = List.copyOf(ranges);
        ranges.clear();
        copy = new FutureTask<>(() -> {
            for (Range r : batch) {
                ResourceWriter.copyRange(r.from, r.offset, r.length, out, r.at);
            }
            return null;
        });
        FutureTask<Void> task = copy;
        thread = new Thread(() -> {
            task.run();
            try {
                out.force(false); // only a head start: the commit's own fsync is what counts
            } catch (IOException e) {
                // the commit's fsync reports any real failure
            }
        }, "jwim-copy-behind");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits until the copies started are done, so that their sources may be closed.
     *
     * @throws IOException the copy's failure
     */
    public void awaitCopied() throws IOException {
        if (copy == null) {
            return;
        }
        FutureTask<Void> c = copy;
        copy = null;
        try {
            c.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("copy of reused resources failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while copying reused resources");
        }
    }

    /** Waits for the thread (copy and write-back) to end; before the output is closed. */
    public void join() {
        if (thread == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        thread = null;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
