package org.jwim.wim.write;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jwim.wim.CompressionType;
import org.jwim.wim.WimException;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.compress.ChunkCompressor;

/**
 * One reader thread reads the jobs in order into pooled slots and hashes them; N worker
 * threads compress the chunks; the caller (the writer) takes them strictly in order. Memory is
 * bounded by the slot pool: the reader blocks while every slot is in flight.
 */
final class ParallelChunkStream implements ChunkStream {
    /** Marks the end of the reader's output. */
    private static final Object DONE = new Object();
    private static final AtomicInteger IDS = new AtomicInteger();

    private final BlockingQueue<ChunkSlot> free;
    private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
    private final ExecutorService workers;
    private final Thread reader;
    private final CompressionType type;
    private final int chunkSize;
    private final ThreadLocal<ChunkCompressor> compressors = new ThreadLocal<>();
    private volatile boolean closed;

    ParallelChunkStream(List<BlobJob> jobs, CompressionType type, int chunkSize, int threads) {
        this.type = type;
        this.chunkSize = chunkSize;
        int slots = 2 * threads + 2;
        this.free = new ArrayBlockingQueue<>(slots);
        for (int i = 0; i < slots; i++) {
            free.add(new ChunkSlot(chunkSize));
        }
        int id = IDS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "jwim-compress-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.reader = new Thread(() -> read(jobs), "jwim-read-" + id);
        reader.setDaemon(true);
        reader.start();
    }

    private void read(List<BlobJob> jobs) {
        try {
            for (BlobJob job : jobs) {
                items.put(new ChunkItem.Begin(job));
                MessageDigest md = Sha1.newDigest();
                try (InputStream in = job.source.open()) {
                    for (long done = 0; done < job.size();) {
                        ChunkSlot slot = free.take();
                        int len = (int) Math.min(chunkSize, job.size() - done);
                        ResourceWriter.readChunk(in, slot.in, len, job.size(), job.label);
                        md.update(slot.in, 0, len);
                        slot.length = len;
                        slot.compression = workers.submit(() -> ChunkStream.compress(compressor(), slot));
                        items.put(new ChunkItem.Chunk(slot));
                        done += len;
                        if (closed) {
                            return;
                        }
                    }
                    ResourceWriter.expectEnd(in, job.size(), job.label);
                }
                items.put(new ChunkItem.End(job, Sha1.of(md.digest())));
            }
            items.put(DONE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            items.add(e);
        }
    }

    private ChunkCompressor compressor() {
        ChunkCompressor c = compressors.get();
        if (c == null) {
            try {
                c = ChunkStream.compressor(type, chunkSize);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            compressors.set(c);
        }
        return c;
    }

    @Override
    public ChunkItem next() throws IOException {
        Object o;
        try {
            o = items.take();
            if (o == DONE) {
                items.put(DONE);
                return null;
            }
            if (o instanceof ChunkItem.Chunk c && c.slot().compression != null) {
                c.slot().compression.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for compressed chunks");
        } catch (ExecutionException e) {
            throw new WimException("compressing a chunk failed: " + e.getCause(), e.getCause());
        }
        if (o instanceof IOException e) {
            throw e;
        }
        if (o instanceof RuntimeException e) {
            throw e;
        }
        return (ChunkItem) o;
    }

    @Override
    public void release(ChunkSlot slot) {
        slot.compression = null;
        free.add(slot);
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        workers.shutdownNow();
    }
}
