package org.jwim.capture.apply;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToLongFunction;
import org.jwim.common.Futures;
import org.jwim.wim.blob.Sha1;

/**
 * Hands a single writer the blobs of an apply in its order, reading and decompressing the small
 * ones on worker threads ahead of it, so many small files use every core. Large blobs are
 * opened when their turn comes (the WIM reader decodes their chunks ahead by itself). At most
 * {@value #BUDGET} bytes wait in memory. Errors of a blob (corrupt data, I/O) are thrown from
 * {@link #next()} for that blob, as if it had been opened then. Not thread-safe.
 */
final class BlobPrefetch implements Closeable {
    /** Blobs up to this size are read whole on a worker. */
    static final long SMALL = 1 << 20;
    private static final long BUDGET = 32 << 20;
    private static final int MAX_AHEAD = 512;
    private static final Future<PooledStream> LARGE = CompletableFuture.completedFuture(null);

    private final List<Sha1> order;
    private final ToLongFunction<Sha1> sizes;
    private final BlobOpener blobs;
    private final ExecutorService pool;
    private final ArrayDeque<Future<PooledStream>> window = new ArrayDeque<>();
    private final BufferPool buffers = new BufferPool(2 * BUDGET);
    private int submitted;
    private int consumed;
    private long waiting;

    /**
     * @param order   every blob to be read, in the order {@link #next()} returns them
     * @param sizes   uncompressed size of each blob
     * @param threads worker threads; 1 reads each blob in the caller's thread when its turn comes
     */
    BlobPrefetch(List<Sha1> order, ToLongFunction<Sha1> sizes, BlobOpener blobs, int threads) {
        this.order = order;
        this.sizes = sizes;
        this.blobs = blobs;
        this.pool = threads < 2 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "jwim-prefetch");
            t.setDaemon(true);
            return t;
        });
    }

    /** The next blob's bytes; the caller closes the stream. */
    InputStream next() throws IOException {
        if (consumed >= order.size()) {
            throw new IllegalStateException("all " + order.size() + " blobs were returned");
        }
        Sha1 hash = order.get(consumed);
        if (pool == null) {
            consumed++;
            return blobs.open(hash);
        }
        fill();
        Future<PooledStream> f = window.poll();
        consumed++;
        if (f == LARGE) {
            fill();
            return blobs.open(hash);
        }
        long size = sizes.applyAsLong(hash);
        try {
            return await(f);
        } finally {
            waiting -= size;
            fill();
        }
    }

    private void fill() {
        while (submitted < order.size() && window.size() < MAX_AHEAD && (waiting < BUDGET || window.isEmpty())) {
            Sha1 hash = order.get(submitted++);
            long size = sizes.applyAsLong(hash);
            if (size > SMALL) {
                window.add(LARGE);
                continue;
            }
            waiting += size;
            window.add(pool.submit(() -> read(hash, (int) size)));
        }
    }

    /**
     * The blob's bytes in a pooled array; a blob that is longer than {@code size} gives one
     * byte more, so the writer sees it as over-long.
     */
    private PooledStream read(Sha1 hash, int size) throws IOException {
        try (InputStream in = blobs.open(hash)) {
            byte[] b = buffers.take(size + 1);
            return new PooledStream(b, in.readNBytes(b, 0, size + 1));
        }
    }

    /** The first {@code n} bytes of a pooled array, which it gives back when closed. */
    private final class PooledStream extends ByteArrayInputStream {
        private boolean closed;

        PooledStream(byte[] b, int n) {
            super(b, 0, n);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                buffers.give(buf);
            }
        }
    }

    private static PooledStream await(Future<PooledStream> f) throws IOException {
        return Futures.await(f, "reading ahead");
    }

    /** Drops what was read ahead and stops the workers. */
    @Override
    public void close() {
        if (pool != null) {
            window.forEach(f -> f.cancel(true));
            window.clear();
            pool.shutdownNow();
        }
    }
}
