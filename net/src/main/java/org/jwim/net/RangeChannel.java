package org.jwim.net;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jwim.wim.ReadHints;

/**
 * A read-only channel over a file on a server, read by byte ranges. The ranges the WIM reader
 * announces ({@link ReadHints}), best all at once as the plan of an apply, are fetched ahead:
 * ranges that follow one another without a gap are merged into one request of at most
 * {@value #PIECE} bytes (a request costs far more CPU than the bytes it carries), {@value
 * #IN_FLIGHT} requests at a time, at most {@value #BUDGET} bytes held; the first pieces are
 * smaller while little is announced ahead of them (from {@value #FIRST_PIECE} bytes,
 * doubling), so that the reader's next bytes come in a small request, not with the whole of a
 * large one that shares the link with three more; a piece is dropped once
 * every announced byte in it was read. Ranges with a gap between them are not merged: the gap
 * would be bytes the reader does not use (another image's data). Other reads (header, a piece
 * already dropped) fetch exactly the bytes asked for. Thread-safe.
 */
abstract class RangeChannel extends PositionalChannel implements ReadHints {
    static final int PIECE = 8 << 20;
    /** The limit of a piece with nothing announced ahead of it; see {@link #limit}. */
    static final int FIRST_PIECE = 1 << 20;
    static final int IN_FLIGHT = 4;
    static final long BUDGET = 64L << 20;
    /** An unannounced read fetches at most this much at once. */
    private static final int DIRECT_MAX = 8 << 20;

    private final long size;
    private final ExecutorService pool;
    /** Announced pieces by start offset, fetched, in flight or queued. */
    private final TreeMap<Long, Piece> pieces = new TreeMap<>();
    private final ArrayDeque<Piece> queued = new ArrayDeque<>();
    /** Starts of every range ever announced: a solid resource is announced once per blob in it. */
    private final Set<Long> announced = new HashSet<>();
    private long held;
    private int running;
    /** Bytes of the pieces announced and not dropped yet (those in {@link #pieces}). */
    private long ahead;

    /** One request: the announced ranges it covers, back to back, and how much of each was read. */
    private static final class Piece {
        final long start;
        final int length;
        final long[] ends;
        final long[] unread;
        int pending;
        CompletableFuture<byte[]> data;

        Piece(long start, long[] ends) {
            this.start = start;
            this.length = (int) (ends[ends.length - 1] - start);
            this.ends = ends;
            this.unread = new long[ends.length];
            for (int i = 0; i < ends.length; i++) {
                unread[i] = ends[i] - (i == 0 ? start : ends[i - 1]);
            }
            this.pending = ends.length;
        }

        /** Counts bytes from..to as read (each range at most once); true when all were read. */
        boolean served(long from, long to) {
            int i = Arrays.binarySearch(ends, from);
            for (i = i < 0 ? -i - 1 : i + 1; i < ends.length && from < to; i++) {
                long rangeStart = i == 0 ? start : ends[i - 1];
                long n = Math.min(to, ends[i]) - Math.max(from, rangeStart);
                if (n > 0 && unread[i] > 0) {
                    unread[i] -= Math.min(n, unread[i]);
                    if (unread[i] == 0) {
                        pending--;
                    }
                }
                from = ends[i];
            }
            return pending == 0;
        }
    }

    RangeChannel(String name, long size) {
        super(name);
        this.size = size;
        this.pool = Executors.newFixedThreadPool(IN_FLIGHT, r -> {
            Thread t = new Thread(r, "jwim-net-fetch");
            t.setDaemon(true);
            return t;
        });
    }

    /** Reads exactly {@code len} bytes at {@code pos} into {@code dst}, retrying as the server allows. */
    protected abstract void fetch(long pos, byte[] dst, int off, int len) throws IOException;

    /** Releases the connection (after the fetch threads stopped). */
    protected abstract void release() throws IOException;

    @Override
    public void willRead(long offset, long length) {
        willReadAll(new long[] {offset}, new long[] {length});
    }

    @Override
    public void willReadAll(long[] offsets, long[] lengths) {
        synchronized (this) {
            long pieceStart = -1;
            long[] ends = new long[16];
            int n = 0;
            for (int i = 0; i < offsets.length; i++) {
                long s = Math.max(0, offsets[i]);
                long end = Math.min(size, s + Math.max(0, lengths[i]));
                if (s >= end || !announced.add(s)) {
                    continue;
                }
                if (n > 0 && (s != ends[n - 1] || end - pieceStart > limit())) {
                    queue(pieceStart, Arrays.copyOf(ends, n));
                    n = 0;
                }
                for (int l = limit(); end - s > l; s += l, l = limit()) { // a large resource: pieces of its own
                    queue(s, new long[] {s + l});
                }
                if (n == 0) {
                    pieceStart = s;
                } else if (n == ends.length) {
                    ends = Arrays.copyOf(ends, 2 * n);
                }
                ends[n++] = end;
            }
            if (n > 0) {
                queue(pieceStart, Arrays.copyOf(ends, n));
            }
            pump();
        }
    }

    /**
     * The size limit of the next piece: {@link #FIRST_PIECE} more than is announced ahead of it,
     * at most {@link #PIECE}; so a plan's first pieces are 1, 2, 4, then 8 MiB.
     */
    private int limit() {
        return (int) Math.min(PIECE, ahead + FIRST_PIECE);
    }

    private void queue(long start, long[] ends) {
        Piece p = new Piece(start, ends);
        ahead += p.length;
        pieces.put(start, p);
        queued.add(p);
    }

    /** Starts queued pieces while fewer than {@link #IN_FLIGHT} run and the budget allows. */
    private void pump() {
        while (!queued.isEmpty() && running < IN_FLIGHT && (held == 0 || held + queued.peek().length <= BUDGET)) {
            start(queued.poll());
        }
    }

    private void start(Piece p) {
        held += p.length;
        running++;
        p.data = CompletableFuture.supplyAsync(() -> {
            byte[] b = new byte[p.length];
            try {
                fetch(p.start, b, 0, p.length);
            } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
            return b;
        }, pool);
        p.data.whenComplete((b, e) -> {
            synchronized (this) {
                running--;
                pump();
            }
        });
    }

    @Override
    public int read(ByteBuffer dst, long pos) throws IOException {
        if (!isOpen()) {
            throw new java.nio.channels.ClosedChannelException();
        }
        if (pos >= size) {
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        Piece p = null;
        synchronized (this) {
            Map.Entry<Long, Piece> e = pieces.floorEntry(pos);
            if (e != null && pos < e.getKey() + e.getValue().length) {
                p = e.getValue();
                if (p.data == null) {
                    queued.remove(p);
                    start(p);
                }
            }
        }
        if (p == null) {
            int n = (int) Math.min(Math.min(dst.remaining(), size - pos), DIRECT_MAX);
            byte[] b = new byte[n];
            fetch(pos, b, 0, n);
            dst.put(b);
            return n;
        }
        byte[] data = await(p.data);
        int from = (int) (pos - p.start);
        int n = Math.min(dst.remaining(), p.length - from);
        dst.put(data, from, n);
        synchronized (this) {
            if (p.served(pos, pos + n) && pieces.remove(p.start, p)) {
                held -= p.length;
                ahead -= p.length;
                pump();
            }
        }
        return n;
    }

    private static byte[] await(CompletableFuture<byte[]> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the server");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof java.util.concurrent.CompletionException && c.getCause() != null) {
                c = c.getCause();
            }
            if (c instanceof NetException n) {
                throw new NetException(n.getMessage(), n);
            }
            if (c instanceof IOException io) {
                throw new IOException(io.getMessage(), io);
            }
            throw new IOException(String.valueOf(c), c);
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        throw new NonWritableChannelException();
    }

    @Override
    public int write(ByteBuffer src, long pos) {
        throw new NonWritableChannelException();
    }

    @Override
    public FileChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public void force(boolean metaData) {
        // nothing is written
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long pos, long count) {
        throw new NonWritableChannelException();
    }

    @Override
    protected void implCloseChannel() throws IOException {
        pool.shutdownNow();
        synchronized (this) {
            pieces.clear();
            queued.clear();
        }
        release();
    }
}
