package org.jwim.wim.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.jwim.common.Futures;
import org.jwim.wim.CompressionType;
import org.jwim.wim.WimFormatException;
import org.jwim.wim.compress.CorruptChunkException;

/**
 * Streams the uncompressed bytes of chunked data: chunk i is stored at
 * {@code dataStart + starts[i]} with {@code starts[i+1] - starts[i]} bytes; a stored size equal
 * to the chunk's length means "raw".
 *
 * <p>When the reader has a decode pool, the stream spans several chunks and
 * {@link ResourceReader#readAheadPays() read-ahead pays} with no other stream opening for a few
 * chunks, the next chunks are read and decompressed on the pool ahead of the consumer (a
 * bounded window, in order), so one large blob uses every core; otherwise chunks are decoded
 * inline, which saves a thread handoff per chunk when enough streams are read at once. Not
 * thread-safe.
 */
final class ChunkedInputStream extends InputStream {
    /** Bytes of decoded chunks a stream may hold ahead of its consumer. */
    private static final int READ_AHEAD_BYTES = 8 << 20;
    /**
     * Chunks a stream reads while read-ahead pays and no other stream opens before it reads
     * ahead: consumers going through small blobs open streams all the time, and each may close
     * its stream just when this one looks.
     */
    private static final int QUIET_CHUNKS = 4;

    private final ResourceReader reader;
    private final ChunkCache cache;
    private final CompressionType type;
    private final int chunkSize;
    private final long totalSize;
    private final long dataStart;
    private final long[] starts;
    private final int lastChunk;
    private final ExecutorService pool;
    private final int depth;
    private final ArrayDeque<Future<byte[]>> window = new ArrayDeque<>();
    private byte[] chunk;
    private int chunkIndex;
    private int chunkLen;
    private int pos;
    private long remaining;
    private boolean counted;
    private long opensSeen = -1;
    private int quietChunks;

    /**
     * @param cache      shared decoded chunks (solid resources), or null: this stream's own
     * @param firstChunk index of the first chunk to read
     * @param skip       bytes to skip in the first chunk
     * @param length     bytes to deliver in total
     */
    ChunkedInputStream(ResourceReader reader, ChunkCache cache, CompressionType type, int chunkSize,
            long totalSize, long dataStart, long[] starts, int firstChunk, int skip, long length) {
        this.reader = reader;
        this.cache = cache;
        this.type = type;
        this.chunkSize = chunkSize;
        this.totalSize = totalSize;
        this.dataStart = dataStart;
        this.starts = starts;
        this.lastChunk = (int) ((firstChunk * (long) chunkSize + skip + length - 1) / chunkSize);
        ExecutorService p = lastChunk > firstChunk ? reader.decodePool() : null;
        this.pool = p;
        this.depth = p == null ? 0 : Math.max(1, Math.min(4 * reader.decodeThreads(), READ_AHEAD_BYTES / chunkSize));
        this.chunkIndex = firstChunk - 1;
        this.pos = skip;
        this.remaining = length;
        this.chunkLen = -1;
        this.counted = length > 0;
        if (counted) {
            reader.streamOpened();
        }
    }

    private int lengthOf(int i) {
        return (int) Math.min(chunkSize, totalSize - (long) i * chunkSize);
    }

    private void load(int i, byte[] out) throws IOException {
        load(i, out, 0);
    }

    /**
     * Reads chunk {@code i} into {@code out} from {@code outOff}: directly when stored raw, else
     * through the calling thread's scratch buffer (its stored bytes, so a header's claim of huge
     * chunks allocates no more than the file holds) and the decompressor of the calling thread.
     */
    private void load(int i, byte[] out, int outOff) throws IOException {
        int len = lengthOf(i);
        long start = dataStart + starts[i];
        long size = starts[i + 1] - starts[i];
        if (size <= 0 || size > len) {
            throw new WimFormatException(start, "chunk " + i + " has stored size " + size
                    + ", expected 1.." + len);
        }
        boolean raw = size == len;
        byte[] target = raw ? out : reader.scratch((int) size);
        int targetOff = raw ? outOff : 0;
        ByteBuffer buf = ByteBuffer.wrap(target, targetOff, (int) size);
        while (buf.hasRemaining()) {
            if (reader.channel().read(buf, start + buf.position() - targetOff) < 0) {
                throw new WimFormatException(start, "chunk " + i + " runs past end of file");
            }
        }
        if (size < len) {
            try {
                reader.decompressor(type, chunkSize).decompress(target, 0, (int) size, out, outOff, len);
            } catch (CorruptChunkException e) {
                throw new WimFormatException(start, "chunk " + i + " of " + size
                        + " bytes does not decompress to " + len + " bytes: " + e.getMessage());
            }
        }
    }

    private void nextChunk() throws IOException {
        chunkIndex++;
        chunkLen = lengthOf(chunkIndex);
        if (!window.isEmpty()) {
            byte[] next = Futures.await(window.poll(), "decompressing");
            if (chunk != null && cache == null) {
                reader.recycle(chunk);
            }
            chunk = next;
        } else if (cache != null) {
            chunk = cached(chunkIndex);
        } else {
            if (chunk == null) {
                chunk = reader.chunkBuffer((int) Math.min(chunkSize, totalSize));
            }
            load(chunkIndex, chunk);
        }
        if (pool != null) {
            long opens = reader.streamsOpened();
            if (opens == opensSeen && reader.readAheadPays()) {
                quietChunks++;
            } else {
                quietChunks = 0;
                opensSeen = opens;
            }
            fillWindow();
        }
    }

    /**
     * Chunk {@code i} through the solid resource's shared cache (decoded once for all blobs),
     * with the following chunk decoded ahead on the reader's pool when there is one.
     */
    private byte[] cached(int i) throws IOException {
        ExecutorService ahead = reader.decodePool();
        if (ahead != null && (long) (i + 1) * chunkSize < totalSize) {
            cache.prefetch(i + 1, loader(i + 1), ahead);
        }
        return cache.get(i, loader(i));
    }

    private Callable<byte[]> loader(int i) {
        return () -> {
            byte[] out = new byte[lengthOf(i)];
            load(i, out);
            return out;
        };
    }

    /** Queues the chunks after the current one and those already queued, up to the depth. */
    private void fillWindow() throws IOException {
        while (quietChunks >= QUIET_CHUNKS && window.size() < depth) {
            // the window holds the chunks right after the current one, in order
            int i = chunkIndex + 1 + window.size();
            if (i > lastChunk) {
                break;
            }
            try {
                if (cache != null) {
                    window.add(pool.submit(() -> cached(i)));
                } else {
                    byte[] out = reader.chunkBuffer(chunkSize);
                    window.add(pool.submit(() -> {
                        load(i, out);
                        return out;
                    }));
                }
            } catch (RejectedExecutionException e) {
                throw new ClosedChannelException();
            }
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (remaining == 0) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        if (chunkLen < 0 || pos >= chunkLen) {
            int skip = chunkLen < 0 ? pos : 0;
            if (skip == 0 && pool == null && cache == null) {
                int next = lengthOf(chunkIndex + 1);
                if (len >= next && remaining >= next) {
                    return loadInto(b, off, next);
                }
            }
            nextChunk();
            pos = skip;
        }
        int n = (int) Math.min(Math.min(len, chunkLen - pos), remaining);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        remaining -= n;
        if (remaining == 0) {
            done();
        }
        return n;
    }

    /**
     * Decodes the next chunk, of {@code n} bytes and all wanted, straight into the caller's
     * array: a copy less, and no chunk buffer at all for a blob of one chunk.
     */
    private int loadInto(byte[] b, int off, int n) throws IOException {
        chunkIndex++;
        chunkLen = n;
        pos = n;
        load(chunkIndex, b, off);
        remaining -= n;
        if (remaining == 0) {
            done();
        }
        return n;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    /**
     * Stops read-ahead: queued chunks are dropped, running ones finish on their own (their
     * buffers are left to the collector, as a worker may still write into them).
     */
    @Override
    public void close() {
        for (Future<byte[]> f : window) {
            f.cancel(false);
        }
        window.clear();
        remaining = 0;
        done();
    }

    /** Gives back this stream's buffer and stops counting it as read: its consumer is done. */
    private void done() {
        if (chunk != null && cache == null) {
            reader.recycle(chunk);
        }
        chunk = null;
        if (counted) {
            counted = false;
            reader.streamDone();
        }
    }
}
