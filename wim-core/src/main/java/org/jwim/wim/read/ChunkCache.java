package org.jwim.wim.read;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import org.jwim.common.Futures;

/**
 * The most recently used decoded chunks of one solid resource, shared by every stream over it,
 * so that the many small blobs of a solid chunk cost one decompression, not one each. A chunk
 * being decoded by one thread is waited for by the others; the next chunk can be decoded ahead
 * on a pool. Cached arrays are shared: read only.
 * Thread-safe.
 */
final class ChunkCache {
    /** Decoded bytes kept per solid resource (at least two chunks). */
    private static final long BUDGET = 128L << 20;

    private final int capacity;
    private final Map<Integer, FutureTask<byte[]>> chunks = new LinkedHashMap<>(8, 0.75f, true);

    ChunkCache(int chunkSize) {
        this.capacity = (int) Math.max(2, BUDGET / chunkSize);
    }

    /** Chunk {@code index}, decoded by {@code load} unless cached or being decoded. */
    byte[] get(int index, Callable<byte[]> load) throws IOException {
        FutureTask<byte[]> f = claim(index, new FutureTask<>(load));
        // Run it here unless some thread already does (a queued prefetch, or ours): a reader
        // then only ever waits for a decode that is running, never for a queued one, so pool
        // threads that read through this cache cannot starve the pool.
        f.run();
        try {
            return Futures.await(f, "decompressing");
        } catch (IOException | RuntimeException | Error e) {
            synchronized (this) {
                chunks.remove(index, f); // a later reader tries again
            }
            throw e;
        }
    }

    /** Starts decoding chunk {@code index} on {@code pool} unless it is cached or under way. */
    void prefetch(int index, Callable<byte[]> load, Executor pool) {
        FutureTask<byte[]> mine = new FutureTask<>(load);
        if (claim(index, mine) == mine) {
            try {
                pool.execute(mine);
            } catch (RejectedExecutionException e) {
                synchronized (this) {
                    chunks.remove(index, mine);
                }
            }
        }
    }

    /** The entry for {@code index}: the existing one, or {@code task} newly registered. */
    private synchronized FutureTask<byte[]> claim(int index, FutureTask<byte[]> task) {
        FutureTask<byte[]> f = chunks.get(index);
        if (f != null) {
            return f;
        }
        chunks.put(index, task);
        Iterator<FutureTask<byte[]>> eldest = chunks.values().iterator();
        while (chunks.size() > capacity) {
            eldest.next();
            eldest.remove();
        }
        return task;
    }
}
