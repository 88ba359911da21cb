package org.jwim.wim.write;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jwim.common.Futures;
import org.jwim.common.LE;
import org.jwim.wim.CompressionType;
import org.jwim.wim.SourceChangedException;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.blob.StreamSource;
import org.jwim.wim.compress.ChunkCompressor;
import org.jwim.wim.format.ResourceHeader;

/**
 * Lays out resources at the end of the output: for a compressed resource the chunk table
 * first, then the chunks (those that did not shrink stored raw); a resource that does not
 * shrink is stored uncompressed instead. Chunks arrive already compressed through
 * {@link #begin}, {@link #chunk} and {@link #finish}, or {@link #write} does the whole job
 * serially. Not thread-safe.
 *
 * <p>Chunks are written behind: {@link #chunk} copies them into a gather buffer, and a thread of
 * the writer's own makes the system calls for full buffers (and chunk tables), so that the
 * caller, the one thread that takes the chunks in order, does not. Every other use of the file
 * (a rewind, a move, a read-back, an unbuffered write) first waits for the writes behind; a
 * failed write fails the next call. Ranges {@link #reserve}d for {@link CopyBehind} are written
 * by that thread and need no wait. {@link #close} stops the thread. Every 64 MiB handed behind
 * can also ask {@link WriteBack} to start writing the file back ({@link #writeBackAhead}), so
 * that the commit's fsync finds little left.
 */
public final class ResourceWriter implements AutoCloseable {
    private final FileChannel out;
    private final CompressionType type;
    private final int chunkSize;
    private final ChunkCompressor compressor;
    private byte[] in;
    private byte[] packed;
    private byte[] moveBuffer;
    private long position;
    /**
     * A resource's consecutive chunks gathered into one write: a compressed chunk is a few KiB,
     * and one system call each made the writer thread the capture's serial bottleneck. Only
     * {@link #chunk} fills it; full, or at {@link #finish}, it goes to the write-behind thread
     * and the next one comes from {@link #spare}.
     */
    private ByteBuffer gather;
    private long gatherAt;
    private static final int GATHER = 1 << 20;
    /** Gather buffers: one being filled, the others written behind (memory bound, 3 MiB). */
    private static final int BUFFERS = 3;
    private final BlockingQueue<ByteBuffer> spare = new ArrayBlockingQueue<>(BUFFERS);
    private int allocated;
    private static final AtomicInteger IDS = new AtomicInteger();
    /** The write-behind thread (one: writes end up serialized on the file anyway), lazily made. */
    private ExecutorService behind;
    /** The last write handed to {@link #behind}: the thread runs them in order. */
    private Future<?> lastBehind;
    private volatile IOException failedBehind;
    /** Set by {@link #close(boolean) close(true)}: the writes still queued behind are skipped. */
    private volatile boolean dropped;
    /** Written back every {@link #WRITE_BACK_STEP} bytes handed behind once asked; lazily made. */
    private boolean writeBackAhead;
    private WriteBack writeBack;
    private long handedBehind;
    private static final long WRITE_BACK_STEP = 64L << 20;

    // the resource being assembled
    private long start;
    private long size;
    private long dataStart;
    private byte[] table;
    private int width;
    private long chunkIndex;
    private boolean allRaw;

    /** The written resource and the SHA-1 of its data. */
    public record Written(ResourceHeader resource, Sha1 hash) {
    }

    /**
     * @param compressor used by {@link #write} only; null for {@link CompressionType#NONE}
     */
    public ResourceWriter(FileChannel out, long position, CompressionType type, int chunkSize,
            ChunkCompressor compressor) {
        this.out = out;
        this.position = position;
        this.type = type;
        this.chunkSize = type == CompressionType.NONE ? 1 << 20 : chunkSize;
        this.compressor = compressor;
    }

    /**
     * Starts writing the file back (fdatasync on a thread of its own) every 64 MiB written
     * behind. For local files: a remote file's flush drains its writes and makes a round trip,
     * which would stall the writes behind it.
     */
    public void writeBackAhead() {
        writeBackAhead = true;
    }

    /** Chunk size in bytes that {@link #chunk} expects (1 MiB pieces when uncompressed). */
    public int chunkSize() {
        return chunkSize;
    }

    public boolean compresses() {
        return type != CompressionType.NONE;
    }

    /** File offset where the next resource goes. */
    public long position() {
        return position;
    }

    /** Forgets everything written from {@code newPosition} on. */
    public void rewind(long newPosition) throws IOException {
        if (gather != null) {
            gather.clear(); // chunks of a resource given up
        }
        drain();
        position = newPosition;
        out.truncate(newPosition);
    }

    /** Starts a resource of {@code resourceSize} uncompressed bytes. */
    public void begin(long resourceSize) {
        if (gather != null) {
            gather.clear(); // an abandoned resource's chunks (its writer failed) are not written
        }
        start = position;
        size = resourceSize;
        chunkIndex = 0;
        allRaw = true;
        if (compresses() && resourceSize > 0) {
            long chunks = (resourceSize + chunkSize - 1) / chunkSize;
            width = resourceSize > 0xFFFF_FFFFL ? 8 : 4;
            table = new byte[Math.toIntExact((chunks - 1) * width)];
            dataStart = start + table.length;
        } else {
            table = new byte[0];
            dataStart = start;
        }
        position = dataStart;
    }

    /**
     * Appends the next chunk: {@code data[0, len)} is the compressed form, or the raw bytes
     * when {@code raw} is true.
     */
    public void chunk(byte[] data, int len, boolean raw) throws IOException {
        chunk(data, 0, len, raw);
    }

    /** Appends the next chunk from {@code data[off, off + len)}; see {@link #chunk(byte[], int, boolean)}. */
    public void chunk(byte[] data, int off, int len, boolean raw) throws IOException {
        if (chunkIndex > 0 && compresses()) {
            long rel = position - dataStart;
            if (width == 4) {
                LE.put32(table, (int) (chunkIndex - 1) * 4, rel);
            } else {
                LE.put64(table, (int) (chunkIndex - 1) * 8, rel);
            }
        }
        if (failedBehind != null) {
            throw failed();
        }
        for (int done = 0; done < len;) {
            if (gather == null) {
                gather = spareBuffer();
            }
            if (gather.position() == 0) {
                gatherAt = position + done;
            }
            int n = Math.min(len - done, gather.remaining());
            gather.put(data, off + done, n);
            done += n;
            if (!gather.hasRemaining()) {
                flushGathered();
            }
        }
        position += len;
        allRaw &= raw;
        chunkIndex++;
    }

    /** Hands the gathered bytes to the write-behind thread; the buffer returns to {@link #spare}. */
    private void flushGathered() {
        if (gather == null || gather.position() == 0) {
            return;
        }
        ByteBuffer b = gather.flip();
        long at = gatherAt;
        gather = null;
        long before = handedBehind;
        handedBehind += b.remaining();
        behind(() -> {
            try {
                while (b.hasRemaining()) {
                    out.write(b, at + b.position());
                }
            } finally {
                b.clear();
                spare.add(b);
            }
        });
        if (writeBackAhead && before / WRITE_BACK_STEP != handedBehind / WRITE_BACK_STEP) {
            if (writeBack == null) {
                writeBack = new WriteBack(out);
            }
            WriteBack wb = writeBack;
            behind(wb::poke); // after the writes before it
        }
    }

    private interface FileWrite {
        void run() throws IOException;
    }

    /** Runs {@code w} on the write-behind thread after the writes handed over before it. */
    private void behind(FileWrite w) {
        if (behind == null) {
            int id = IDS.incrementAndGet();
            behind = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "jwim-write-" + id);
                t.setDaemon(true);
                return t;
            });
        }
        lastBehind = behind.submit(() -> {
            if (failedBehind == null && !dropped) {
                try {
                    w.run();
                } catch (IOException e) {
                    failedBehind = e;
                } catch (RuntimeException e) {
                    failedBehind = new IOException(e);
                }
            }
            return null;
        });
    }

    private ByteBuffer spareBuffer() throws IOException {
        ByteBuffer b = spare.poll();
        if (b != null) {
            return b;
        }
        if (allocated < BUFFERS) {
            allocated++;
            return ByteBuffer.allocateDirect(GATHER);
        }
        try {
            return spare.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the writes behind");
        }
    }

    /** Waits until every write handed to the write-behind thread is in the file. */
    public void drain() throws IOException {
        if (lastBehind != null) {
            Futures.await(lastBehind, "waiting for the writes behind"); // failures land in failedBehind
            lastBehind = null;
        }
        if (failedBehind != null) {
            throw failed();
        }
    }

    private IOException failed() {
        return new IOException("writing the WIM failed: " + failedBehind.getMessage(), failedBehind);
    }

    /** Stops the write-behind thread, after the writes handed to it unless {@code discard}. */
    public void close(boolean discard) {
        if (writeBack != null) {
            writeBack.close();
        }
        if (behind != null) {
            dropped = discard;
            behind.shutdown();
            if (discard) {
                // Not shutdownNow: an interrupt inside a write closes the file channel, so the
                // caller could no longer cut an append back. Wait for the write in progress
                // (at most one gather buffer) instead; those queued behind it are skipped.
                try {
                    behind.awaitTermination(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** {@link #close(boolean) close(false)}: call after {@link #drain}. */
    @Override
    public void close() {
        close(false);
    }

    /**
     * Ends the resource.
     *
     * @return the resource, or null when compressed chunks did not pay for the chunk table:
     *         the caller then rewinds to {@link Written#resource()}'s start and stores the data
     *         uncompressed (with {@link #writeRaw})
     */
    public Written finish(Sha1 hash, int flags) throws IOException {
        flushGathered();
        long stored = position - start;
        if (!compresses() || size == 0) {
            return new Written(new ResourceHeader(size, flags, start, size), hash);
        }
        if (stored < size) {
            byte[] t = table; // a new array per resource: the thread behind may keep it
            long at = start;
            behind(() -> writeAt(t, t.length, at));
            return new Written(new ResourceHeader(stored, flags | ResourceHeader.FLAG_COMPRESSED,
                    start, size), hash);
        }
        if (!allRaw) {
            rewind(start);
            return null;
        }
        // Every chunk is raw, so the chunk area already holds the data: drop the table.
        shift(dataStart, start, size);
        rewind(start + size);
        return new Written(new ResourceHeader(size, flags, start, size), hash);
    }

    /**
     * Writes the {@code size} bytes {@code source} opens, compressing serially; fails with
     * {@link SourceChangedException} if it delivers more or fewer bytes.
     */
    public Written write(StreamSource.Opener source, long resourceSize, int flags, String what)
            throws IOException {
        buffers();
        MessageDigest md = Sha1.newDigest();
        Supplier<String> named = () -> what;
        begin(resourceSize);
        try (InputStream src = source.open()) {
            for (long done = 0; done < resourceSize;) {
                int len = (int) Math.min(chunkSize, resourceSize - done);
                readChunk(src, in, len, resourceSize, named);
                md.update(in, 0, len);
                int n = !compresses() || len < 2 ? 0 : compressor.compress(in, 0, len, packed, 0, len - 1);
                if (n > 0) {
                    chunk(packed, n, false);
                } else {
                    chunk(in, len, true);
                }
                done += len;
            }
            expectEnd(src, resourceSize, named);
        }
        Written w = finish(Sha1.of(md.digest()), flags);
        return w != null ? w : writeRaw(source, resourceSize, flags, what);
    }

    /** Writes the source uncompressed at the current position. */
    public Written writeRaw(StreamSource.Opener source, long resourceSize, int flags, String what)
            throws IOException {
        drain();
        buffers();
        MessageDigest md = Sha1.newDigest();
        Supplier<String> named = () -> what;
        long at = position;
        try (InputStream src = source.open()) {
            for (long done = 0; done < resourceSize;) {
                int len = (int) Math.min(in.length, resourceSize - done);
                readChunk(src, in, len, resourceSize, named);
                md.update(in, 0, len);
                writeAt(in, len, position);
                position += len;
                done += len;
            }
            expectEnd(src, resourceSize, named);
        }
        return new Written(new ResourceHeader(resourceSize, flags, at, resourceSize), Sha1.of(md.digest()));
    }

    private void buffers() {
        if (in == null) {
            in = new byte[chunkSize];
            packed = new byte[chunkSize];
        }
    }

    /**
     * Reads exactly {@code len} bytes or fails: the source got shorter since it was scanned.
     * {@code what} names the source in the message (made only then).
     */
    static void readChunk(InputStream src, byte[] buf, int len, long size, Supplier<String> what)
            throws IOException {
        readChunk(src, buf, 0, len, size, what);
    }

    /** {@link #readChunk(InputStream, byte[], int, long, Supplier)} into {@code buf} from {@code off} on. */
    static void readChunk(InputStream src, byte[] buf, int off, int len, long size, Supplier<String> what)
            throws IOException {
        int n = src.readNBytes(buf, off, len);
        if (n != len) {
            throw new SourceChangedException(what.get() + " is shorter than the " + size
                    + " bytes seen when it was scanned; was it modified during capture?");
        }
    }

    /** Fails if the source has bytes beyond {@code size}. */
    static void expectEnd(InputStream src, long size, Supplier<String> what) throws IOException {
        if (src.read() >= 0) {
            throw new SourceChangedException(what.get() + " is longer than the " + size
                    + " bytes seen when it was scanned; was it modified during capture?");
        }
    }

    private void writeAt(byte[] b, int len, long at) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, 0, len);
        while (buf.hasRemaining()) {
            out.write(buf, at + buf.position());
        }
    }

    /** Moves {@code len} bytes from {@code from} down to {@code to} (to < from). */
    private void shift(long from, long to, long len) throws IOException {
        drain();
        int want = (int) Math.min(1 << 20, Math.max(len, 1));
        if (moveBuffer == null || moveBuffer.length < want) {
            // kept: every incompressible blob is moved, and fresh arrays made the heap grow
            moveBuffer = new byte[Math.max(want, 64 << 10)];
        }
        byte[] buf = moveBuffer;
        for (long done = 0; done < len;) {
            int n = (int) Math.min(buf.length, len - done);
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
            while (bb.hasRemaining()) {
                if (out.read(bb, from + done + bb.position()) < 0) {
                    throw new IOException("output ended while moving resource data");
                }
            }
            writeAt(buf, n, to + done);
            done += n;
        }
    }

    /** Copies a stored resource of {@code from} to {@code out} at {@code at}; returns its new header. */
    public static ResourceHeader copyStored(FileChannel from, ResourceHeader res, FileChannel out, long at)
            throws IOException {
        copyRange(from, res.offset(), res.sizeInWim(), out, at);
        return new ResourceHeader(res.sizeInWim(), res.flags(), at, res.uncompressedSize());
    }

    /** Skips {@code length} bytes another thread writes ({@link CopyBehind}); returns where they start. */
    public long reserve(long length) {
        long at = position;
        position = Math.addExact(at, length);
        return at;
    }

    /**
     * Gives back the end of the last {@link #reserve}d range, from {@code at} on (a copy ahead
     * cut short: {@link CopyBehind#cut}); nothing may have been reserved or written after it.
     */
    public void unreserve(long at, long end) {
        if (position != end || at > end) {
            throw new IllegalStateException("reserved range " + at + ".." + end + " is not the last (at " + position + ")");
        }
        position = at;
    }

    /**
     * One transferTo per call: between two local files the JDK copies in the kernel
     * (copy_file_range or sendfile, no user-space buffer); any other FileChannel (a remote WIM)
     * copies through its own transferTo.
     */
    static void copyRange(FileChannel from, long offset, long length, FileChannel out, long at)
            throws IOException {
        out.position(at);
        for (long done = 0; done < length;) {
            long n = from.transferTo(offset + done, length - done, out);
            if (n <= 0) {
                throw new IOException("the source WIM ends inside the resource at " + (offset + done));
            }
            done += n;
        }
    }

    /** Writes bytes at the current position (tables, XML); returns their resource header. */
    public ResourceHeader writeBytes(byte[] data, int flags) throws IOException {
        drain();
        long at = position;
        writeAt(data, data.length, at);
        position += data.length;
        return new ResourceHeader(data.length, flags, at, data.length);
    }
}
