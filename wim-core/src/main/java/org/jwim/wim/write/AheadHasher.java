package org.jwim.wim.write;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jwim.common.Futures;
import org.jwim.wim.SourceChangedException;
import org.jwim.wim.blob.BlobSource;
import org.jwim.wim.blob.Sha1;

/**
 * Hashes the streams that share a size with another blob before the pipeline writes, so
 * duplicates are known up front. With more than one thread the sources are read and hashed by
 * that many pool threads in the given order, and the caller takes the hashes in the same order:
 * the decisions, and so the WIM, are the same as hashing one by one, but the caller's thread no
 * longer does the reading and SHA-1 of every candidate itself.
 */
final class AheadHasher implements AutoCloseable {
    private static final AtomicInteger IDS = new AtomicInteger();
    /** One buffer per hashing thread: a fresh array per blob made the heap grow. */
    private static final int BUFFER = 1 << 16;

    private final ExecutorService pool;
    private final List<Future<Sha1>> pending = new ArrayList<>();
    private final List<BlobSource> inline = new ArrayList<>();
    private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[BUFFER]);
    private int next;

    /** Hashes {@code sources} on {@code threads} threads, or on the caller's when 1. */
    AheadHasher(List<BlobSource> sources, int threads) {
        if (threads <= 1 || sources.size() < 2) {
            pool = null;
            inline.addAll(sources);
            return;
        }
        int id = IDS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "jwim-hash-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (BlobSource s : sources) {
            pending.add(pool.submit(() -> hash(s)));
        }
    }

    /** The hash of the next source, in the order given. */
    Sha1 next() throws IOException {
        int i = next++;
        if (pool == null) {
            return hash(inline.get(i));
        }
        return Futures.await(pending.get(i), "hashing ahead");
    }

    private Sha1 hash(BlobSource src) throws IOException {
        MessageDigest md = Sha1.newDigest();
        byte[] buf = buffers.get();
        long total = 0;
        try (InputStream in = src.open()) {
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
                total += n;
            }
        }
        if (total != src.size()) {
            throw new SourceChangedException("a source of " + src.size() + " bytes delivered "
                    + total + "; was it modified during capture?");
        }
        return Sha1.of(md.digest());
    }

    /** Stops hashing what was not taken yet (after a cancel or a failure). */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
