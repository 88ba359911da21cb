package org.jwim.wim.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jwim.common.LE;
import org.jwim.wim.CompressionType;
import org.jwim.wim.WimFormatException;
import org.jwim.wim.compress.ChunkDecompressor;
import org.jwim.wim.compress.Codecs;
import org.jwim.wim.format.ResourceHeader;

/**
 * Reads resources of one WIM file: uncompressed ones directly, compressed ones through their
 * chunk table. Thread-safe: every call uses positional reads and its own buffers; decompressors
 * are cached per thread. With more than one decode thread, a stream over several chunks decodes
 * ahead on a shared pool of daemon threads that exit when idle, but only while fewer streams
 * are open than there are decode threads and no others start: when as many consumers read at
 * once, or consumers go through many small blobs, each decoding its own chunks keeps every
 * core busy without handing each chunk between threads.
 */
public final class ResourceReader {
    /** Decoded chunk buffers kept for reuse: enough for the streams open at once. */
    private static final int SPARE_CHUNK_BYTES = 8 << 20;
    /** Above this chunk size a small blob gets a buffer of its own size, not a whole chunk. */
    private static final int RECYCLED_CHUNK_MAX = 1 << 20;
    private final FileChannel channel;
    private final long fileSize;
    private final CompressionType compression;
    private final int chunkSize;
    private final ThreadLocal<Map<String, ChunkDecompressor>> decompressors =
            ThreadLocal.withInitial(HashMap::new);
    private final ThreadLocal<byte[]> scratch = new ThreadLocal<>();
    private final ArrayBlockingQueue<byte[]> spareChunks;
    private final AtomicInteger openStreams = new AtomicInteger();
    private final AtomicLong streamsOpened = new AtomicLong();
    private volatile int decodeThreads = Runtime.getRuntime().availableProcessors();
    private ThreadPoolExecutor pool;
    private boolean closed;

    public ResourceReader(FileChannel channel, long fileSize, CompressionType compression, int chunkSize) {
        this.channel = channel;
        this.fileSize = fileSize;
        this.compression = compression;
        this.chunkSize = chunkSize;
        // at most 256 slots: a hostile header may claim tiny chunks
        int spares = SPARE_CHUNK_BYTES / Math.max(1, chunkSize);
        this.spareChunks = new ArrayBlockingQueue<>(Math.max(4, Math.min(256, spares)));
    }

    FileChannel channel() {
        return channel;
    }

    /** Sets how many threads decompress ahead of each stream's consumer; 1 decodes inline. */
    public synchronized void decodeThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("decode threads must be at least 1, got " + n);
        }
        decodeThreads = n;
        if (pool != null) {
            pool.shutdown();
            pool = null;
        }
    }

    int decodeThreads() {
        return decodeThreads;
    }

    /** Counts a chunked stream as being read until {@link #streamDone()}. */
    void streamOpened() {
        openStreams.incrementAndGet();
        streamsOpened.incrementAndGet();
    }

    void streamDone() {
        openStreams.decrementAndGet();
    }

    /** How many chunked streams were ever opened: a stream sees from it whether others start. */
    long streamsOpened() {
        return streamsOpened.get();
    }

    /** Whether a stream's read-ahead would use cores that its fellow streams leave idle. */
    boolean readAheadPays() {
        return openStreams.get() < decodeThreads;
    }

    /** The shared decode pool, created on first use; null when decoding inline or closed. */
    synchronized ExecutorService decodePool() {
        if (decodeThreads < 2 || closed) {
            return null;
        }
        if (pool == null) {
            AtomicInteger id = new AtomicInteger();
            pool = new ThreadPoolExecutor(decodeThreads, decodeThreads, 1, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "jwim-decode-" + id.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true);
        }
        return pool;
    }

    /** Stops the decode pool; queued work is dropped. Further streams decode inline. */
    public synchronized void close() {
        closed = true;
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
    }

    /**
     * A buffer of at least {@code size} (at most one chunk) bytes for decoded bytes. Up to
     * {@value #RECYCLED_CHUNK_MAX}-byte chunks it is a recycled whole chunk even for a blob of
     * a few bytes, so that applying many small files allocates (and faults in) nothing.
     */
    byte[] chunkBuffer(int size) {
        if (chunkSize > RECYCLED_CHUNK_MAX) {
            return new byte[size];
        }
        byte[] b = spareChunks.poll();
        return b != null ? b : new byte[chunkSize];
    }

    /** Gives back a buffer from {@link #chunkBuffer} that no one uses any more. */
    void recycle(byte[] b) {
        if (b.length == chunkSize && chunkSize <= RECYCLED_CHUNK_MAX) {
            spareChunks.offer(b);
        }
    }

    /** A per-thread buffer of at least {@code size} bytes for stored chunk bytes. */
    byte[] scratch(int size) {
        byte[] b = scratch.get();
        if (b == null || b.length < size) {
            // whole powers of two, so that varying chunk sizes grow it only a few times
            b = new byte[Math.max(4096, Integer.highestOneBit(Math.max(1, size - 1)) << 1)];
            scratch.set(b);
        }
        return b;
    }

    /** A decompressor for this thread (cached). */
    ChunkDecompressor decompressor(CompressionType type, int size) throws IOException {
        Map<String, ChunkDecompressor> cache = decompressors.get();
        String key = type + "/" + size;
        ChunkDecompressor d = cache.get(key);
        if (d == null) {
            d = Codecs.decompressor(type, size);
            cache.put(key, d);
        }
        return d;
    }

    /** Checks that the resource lies inside the file. */
    public void checkBounds(ResourceHeader res, String what) throws WimFormatException {
        checkBounds(res, () -> what);
    }

    private void checkBounds(ResourceHeader res, Supplier<String> what) throws WimFormatException {
        if (res.end() > fileSize) {
            throw new WimFormatException(res.offset(), what.get() + " of " + res.sizeInWim()
                    + " bytes at offset " + res.offset() + " runs past the end of the "
                    + fileSize + "-byte file");
        }
        if (!res.isCompressed() && !res.isSolid() && res.sizeInWim() != res.uncompressedSize()) {
            throw new WimFormatException(res.offset(), what.get() + " is uncompressed but stores "
                    + res.sizeInWim() + " bytes for " + res.uncompressedSize());
        }
    }

    /** Reads a whole non-solid resource into memory; {@code limit} caps its uncompressed size. */
    public byte[] readFully(ResourceHeader res, long limit, String what) throws IOException {
        if (res.uncompressedSize() > limit) {
            throw new WimFormatException(res.offset(), what + " claims "
                    + res.uncompressedSize() + " bytes, more than the limit of " + limit);
        }
        byte[] out = new byte[(int) res.uncompressedSize()];
        try (InputStream in = open(res, what)) {
            int n = in.readNBytes(out, 0, out.length);
            if (n != out.length) {
                throw new WimFormatException(res.offset(), what + " ended after " + n + " of "
                        + out.length + " bytes");
            }
        }
        return out;
    }

    /** Opens the uncompressed bytes of a non-solid resource. */
    public InputStream open(ResourceHeader res, String what) throws IOException {
        return open(res, () -> what);
    }

    /**
     * As {@link #open(ResourceHeader, String)}, naming the resource only in errors: a blob's
     * name is its hash in hex, which would cost a string per blob opened.
     */
    InputStream open(ResourceHeader res, Supplier<String> what) throws IOException {
        checkBounds(res, what);
        if (res.isSolid()) {
            throw new WimFormatException(res.offset(), what.get() + " is a solid resource, not expected here");
        }
        if (!res.isCompressed()) {
            return new RangeInputStream(channel, res.offset(), res.uncompressedSize());
        }
        if (compression == CompressionType.NONE) {
            throw new WimFormatException(res.offset(), what.get() + " is flagged compressed but the WIM"
                    + " header names no compression type");
        }
        return openChunked(res, what);
    }

    private InputStream openChunked(ResourceHeader res, Supplier<String> what) throws IOException {
        long usize = res.uncompressedSize();
        if (usize == 0) {
            return InputStream.nullInputStream();
        }
        long chunks = (usize + chunkSize - 1) / chunkSize;
        int width = usize > 0xFFFF_FFFFL ? 8 : 4;
        long tableSize = (chunks - 1) * width;
        if (tableSize >= res.sizeInWim() || chunks > Integer.MAX_VALUE) {
            throw new WimFormatException(res.offset(), what.get() + " needs a chunk table of "
                    + tableSize + " bytes but stores only " + res.sizeInWim() + " bytes");
        }
        byte[] table = new byte[(int) tableSize];
        readAt(table, res.offset(), what);
        long dataStart = res.offset() + tableSize;
        long dataSize = res.sizeInWim() - tableSize;
        long[] starts = new long[(int) chunks + 1];
        for (int i = 1; i < chunks; i++) {
            long v = width == 4 ? LE.u32(table, (i - 1) * 4) : LE.u64(table, (i - 1) * 8);
            if (v < starts[i - 1] || v > dataSize) {
                throw new WimFormatException(res.offset() + (long) (i - 1) * width, what.get()
                        + " chunk table entry " + (i - 1) + " = " + Long.toUnsignedString(v)
                        + " is out of order or past the resource's " + dataSize + " data bytes");
            }
            starts[i] = v;
        }
        starts[(int) chunks] = dataSize;
        return new ChunkedInputStream(this, null, compression, chunkSize, usize, dataStart, starts, 0, 0, usize);
    }

    void readAt(byte[] b, long offset, String what) throws IOException {
        readAt(b, offset, () -> what);
    }

    private void readAt(byte[] b, long offset, Supplier<String> what) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b);
        while (buf.hasRemaining()) {
            if (channel.read(buf, offset + buf.position()) < 0) {
                throw new WimFormatException(offset, what.get() + " runs past the end of the file");
            }
        }
    }

    /** A bounded positional stream over {@code [offset, offset+length)} of the file. */
    static final class RangeInputStream extends InputStream {
        private final FileChannel channel;
        private long pos;
        private long remaining;

        RangeInputStream(FileChannel channel, long offset, long length) {
            this.channel = channel;
            this.pos = offset;
            this.remaining = length;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            int r = channel.read(ByteBuffer.wrap(b, off, n), pos);
            if (r < 0) {
                throw new WimFormatException(pos, "resource runs past the end of the file");
            }
            pos += r;
            remaining -= r;
            return r;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public long skip(long n) {
            long k = Math.max(0, Math.min(n, remaining));
            pos += k;
            remaining -= k;
            return k;
        }
    }
}
