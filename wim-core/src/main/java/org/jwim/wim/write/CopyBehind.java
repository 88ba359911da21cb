package org.jwim.wim.write;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Copies resources taken over as stored (blobs an incremental capture or an export reuses) on a
 * thread of its own while the writer goes on with what follows them (new blobs, metadata),
 * writing back (fdatasync) each copied piece (64 MiB, over as many ranges as it takes) on
 * another thread while the next is copied and the rest at the end, so that the commit's fsync
 * finds little left to do. The writer has already reserved each range's place
 * ({@link ResourceWriter#reserve}). Not thread-safe: one writer thread calls it.
 */
public final class CopyBehind {
    private final FileChannel out;
    private final List<Range> ranges = new ArrayList<>();
    private FutureTask<Void> copy;
    /** Threads started (copy, then write-back), joined before the output is closed. */
    private final List<Thread> threads = new ArrayList<>();
    /** Output offset at which the copy thread stops ({@link #cut}). */
    private volatile long stopAt = Long.MAX_VALUE;

    private record Range(FileChannel from, long offset, long length, long at) {
    }

    /** Bytes copied between write-back requests: the disk writes one piece while the next is copied. */
    private static final long PIECE = 64L << 20;

    public CopyBehind(FileChannel out) {
        this.out = out;
    }

    /** Queues a copy of {@code length} bytes of {@code from} at {@code offset} to {@code at} here. */
    public void add(FileChannel from, long offset, long length, long at) {
        ranges.add(new Range(from, offset, length, at));
    }

    /**
     * Starts copying what was queued, once an earlier batch's copy is done (not its write-back,
     * which goes on beside), without waiting for it here: an incremental capture's batches
     * copied ahead are queued as fast as the scan finds them, and the thread queuing them is
     * then free (the capture waits for it). An earlier batch's failure is this one's.
     */
    public void start() throws IOException {
        if (ranges.isEmpty()) {
            return;
        }
        FutureTask<Void> before = copy;
        List<Range> batch = List.copyOf(ranges);
        ranges.clear();
        copy = new FutureTask<>(() -> {
            if (before != null) {
                await(before);
            }
            try (WriteBack writeBack = new WriteBack(out)) {
                long unsynced = 0; // a piece at a time: the ranges of a batch with gaps are many and small
                for (Range r : batch) {
                    for (long done = 0; done < r.length; done += PIECE) {
                        long n = Math.min(Math.min(PIECE, r.length - done), stopAt - (r.at + done));
                        if (n <= 0) {
                            break;
                        }
                        ResourceWriter.copyRange(r.from, r.offset + done, n, out, r.at + done);
                        unsynced += n;
                        if (unsynced >= PIECE) {
                            writeBack.poke();
                            unsynced = 0;
                        }
                    }
                }
            }
            return null;
        });
        FutureTask<Void> task = copy;
        Thread thread = new Thread(() -> {
            task.run();
            try {
                out.force(false); // only a head start: the commit's own fsync is what counts
            } catch (IOException e) {
                // the commit's fsync reports any real failure
            }
        }, "jwim-copy-behind");
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    /**
     * Stops the copies started at output offset {@code limit} (a piece under way is finished)
     * and waits for them: what lies from {@code limit} on is the writer's again.
     *
     * @throws IOException the copy's failure
     */
    public void cut(long limit) throws IOException {
        stopAt = limit;
        try {
            awaitCopied();
        } finally {
            stopAt = Long.MAX_VALUE;
        }
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
        await(c);
    }

    private static void await(FutureTask<Void> c) throws IOException {
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

    /** Waits for the threads (copies and write-back) to end; before the output is closed. */
    public void join() {
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        threads.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
