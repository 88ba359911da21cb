package org.jwim.wim.write;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jwim.wim.CompressionType;
import org.jwim.wim.WimException;
import org.jwim.wim.blob.ExtentSource;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.compress.ChunkCompressor;

/**
 * One reader thread per lane reads its jobs in order into pooled slots; N worker threads hash
 * and compress the chunks, a batch of consecutive chunks per task; the caller (the writer)
 * takes them strictly in order, blob by blob in the lane order given. Memory is bounded by each
 * lane's batch pool: a reader blocks while every batch of its lane is in flight. Lanes have
 * pools of their own, so a reader the writer is not taking from cannot hold the batches the
 * other needs.
 *
 * <p>SHA-1 runs on the workers, so that the reader, the one thread that cannot be spread, only
 * reads. A blob's chunks must be hashed in order: a batch that continues the previous batch's
 * blob first waits for that batch's hashing, which each task does before it compresses, so the
 * wait is at most one batch's SHA-1. Tasks start in submission order, and a task only waits for
 * an earlier one of its lane, so the earliest unfinished one never waits and there is no
 * deadlock.
 *
 * <p>Chunks of volume extents ({@link ExtentSource}) are not even read by the reader: it hands
 * out their ranges, and each worker reads its batch's chunks with positional reads before it
 * waits to hash them, so the kernel's copies out of the page cache (the reader's main cost)
 * run on all the workers at once.
 */
final class ParallelChunkStream implements ChunkStream {
    /** Marks the end of a reader's output. */
    private static final Object DONE = new Object();

    /** A blob's end as the reader queues it: the writer takes the digest once the chunks are in. */
    private record PendingEnd(BlobJob job, MessageDigest digest) {
    }
    private static final AtomicInteger IDS = new AtomicInteger();

    /** Chunks per batch: about 128 KiB of input, so 4 of the usual 32 KiB. */
    private static final int BATCH_BYTES = 128 << 10;
    /**
     * Chunks per packed batch (uncompressed: one chunk-size array shared by the batch's
     * chunks): small files, a whole chunk each, would otherwise take a task each.
     */
    private static final int PACKED_SLOTS = 32;

    private final ExecutorService workers;
    private final Lane[] lanes;
    /** The lane of each blob, in the order the writer takes them; {@code blob} indexes it. */
    private final int[] order;
    private int blob;
    private final CompressionType type;
    private final int chunkSize;
    private final int level;
    private final ThreadLocal<ChunkCompressor> compressors = new ThreadLocal<>();
    private volatile boolean closed;

    ParallelChunkStream(List<List<BlobJob>> jobs, int[] order, CompressionType type, int chunkSize,
            int level, int threads) {
        this.type = type;
        this.level = level;
        this.chunkSize = chunkSize;
        this.order = order;
        int id = IDS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "jwim-compress-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.lanes = new Lane[jobs.size()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane(2 * threads + 2);
        }
        for (int i = 0; i < lanes.length; i++) {
            List<BlobJob> laneJobs = jobs.get(i);
            Lane lane = lanes[i];
            String name = "jwim-read-" + id + (i == 0 ? "" : "-" + i);
            lane.reader = new Thread(() -> lane.read(laneJobs), name);
            lane.reader.setDaemon(true);
            lane.reader.start();
        }
    }

    /** One reader, its pool of batches and its queue of items for the writer. */
    private final class Lane {
        final BlockingQueue<SlotBatch> free;
        final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
        Thread reader;
        /** Reader-thread state: the batch being filled and the items queued behind it. */
        private SlotBatch open;
        private final List<Object> held = new ArrayList<>();
        /** Reader-thread state: counted down when the last submitted batch is hashed. */
        private CountDownLatch lastHashed;
        private MessageDigest lastDigest;

        Lane(int batches) {
            int perBatch = Math.max(1, BATCH_BYTES / chunkSize);
            free = new ArrayBlockingQueue<>(batches);
            for (int i = 0; i < batches; i++) {
                free.add(type == CompressionType.NONE ? SlotBatch.packed(PACKED_SLOTS, chunkSize, free)
                        : new SlotBatch(perBatch, chunkSize, free));
            }
        }

        void read(List<BlobJob> jobs) {
            try {
                for (BlobJob job : jobs) {
                    emit(new ChunkItem.Begin(job));
                    MessageDigest md = Sha1.newDigest();
                    if (job.source instanceof ExtentSource extents) {
                        for (long done = 0; done < job.size();) {
                            int len = (int) Math.min(chunkSize, job.size() - done);
                            ChunkSlot slot = nextSlot(len);
                            slot.source = extents;
                            slot.from = done;
                            add(slot, md, len);
                            done += len;
                            if (closed) {
                                return;
                            }
                        }
                        emit(new PendingEnd(job, md));
                        continue;
                    }
                    Supplier<String> label = job::label;
                    try (InputStream in = job.source.open()) {
                        for (long done = 0; done < job.size();) {
                            int len = (int) Math.min(chunkSize, job.size() - done);
                            ChunkSlot slot = nextSlot(len);
                            ResourceWriter.readChunk(in, slot.in, slot.offset, len, job.size(), label);
                            slot.source = null;
                            add(slot, md, len);
                            done += len;
                            if (closed) {
                                return;
                            }
                        }
                        ResourceWriter.expectEnd(in, job.size(), label);
                    }
                    emit(new PendingEnd(job, md));
                }
                if (open != null) {
                    submit();
                }
                items.put(DONE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                // the held items of the open batch are dropped: the writer stops at the error
                items.add(e);
            }
        }

        /** A slot for a chunk of {@code len} bytes, submitting the open batch if it is full. */
        private ChunkSlot nextSlot(int len) throws InterruptedException {
            if (open != null && open.full(len)) {
                submit();
            }
            if (open == null) {
                open = free.take();
            }
            ChunkSlot slot = open.slots[open.used++];
            if (open.filled >= 0) {
                slot.offset = open.filled;
                open.filled += len;
            }
            return slot;
        }

        /** Queues a filled (or to be read) slot; submits its batch when full. */
        private void add(ChunkSlot slot, MessageDigest md, int len) throws InterruptedException {
            slot.digest = md;
            slot.length = len;
            held.add(new ChunkItem.Chunk(slot));
            if (open.full(1)) {
                submit();
            }
        }

        /** Queues an item, behind the chunks of the open batch if there is one. */
        private void emit(Object item) throws InterruptedException {
            if (open != null) {
                held.add(item);
            } else {
                items.put(item);
            }
        }

        /** Hands the open batch to a worker, then releases the items held for it. */
        private void submit() throws InterruptedException {
            SlotBatch b = open;
            int used = b.used;
            CountDownLatch after = b.slots[0].digest == lastDigest ? lastHashed : null;
            CountDownLatch hashed = new CountDownLatch(1);
            lastHashed = hashed;
            lastDigest = b.slots[used - 1].digest;
            b.compression = workers.submit(() -> {
                try { // a failed read counts down too: the next batch must not wait forever
                    for (int i = 0; i < used; i++) {
                        ChunkSlot s = b.slots[i];
                        if (s.source != null) { // read before the wait: reads overlap
                            s.source.read(s.from, ByteBuffer.wrap(s.in, s.offset, s.length));
                        }
                    }
                    if (after != null) {
                        after.await();
                    }
                    for (int i = 0; i < used; i++) {
                        ChunkSlot s = b.slots[i];
                        s.digest.update(s.in, s.offset, s.length);
                    }
                } finally {
                    hashed.countDown();
                }
                ChunkCompressor c = compressor();
                for (int i = 0; i < used; i++) {
                    ChunkStream.compress(c, b.slots[i]);
                }
                return null;
            });
            open = null;
            for (Object item : held) {
                items.put(item);
            }
            held.clear();
        }
    }

    private ChunkCompressor compressor() {
        ChunkCompressor c = compressors.get();
        if (c == null) {
            try {
                c = ChunkStream.compressor(type, chunkSize, level);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            compressors.set(c);
        }
        return c;
    }

    @Override
    public ChunkItem next() throws IOException {
        if (blob == order.length) {
            return null;
        }
        Object o;
        try {
            o = lanes[order[blob]].items.take();
            if (o == DONE) {
                throw new IllegalStateException("a reader ended before its lane's last blob");
            }
            if (o instanceof ChunkItem.Chunk c) {
                c.slot().batch.compression.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for compressed chunks");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) { // a worker's read
                throw io;
            }
            throw new WimException("compressing a chunk failed: " + e.getCause(), e.getCause());
        }
        if (o instanceof IOException e) {
            throw e;
        }
        if (o instanceof RuntimeException e) {
            throw e;
        }
        if (o instanceof PendingEnd e) { // every chunk of the blob was taken: hashed
            blob++;
            return new ChunkItem.End(e.job(), Sha1.of(e.digest().digest()));
        }
        return (ChunkItem) o;
    }

    @Override
    public void release(ChunkSlot slot) {
        SlotBatch b = slot.batch;
        if (++b.released == b.used) {
            b.used = 0;
            b.filled = b.filled >= 0 ? 0 : -1;
            b.released = 0;
            b.compression = null;
            b.home.add(b);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Lane lane : lanes) {
            if (lane.reader != null) {
                lane.reader.interrupt();
            }
        }
        workers.shutdownNow();
    }
}
