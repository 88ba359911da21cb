package org.jwim.net;

import com.hierynomus.smbj.common.SMBRuntimeException;
import com.hierynomus.smbj.share.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A file on an SMB share written by the WIM writer: writes are gathered in a window of
 * {@value #BUFFER} bytes sent as one request; reads, rewrites and truncates inside the window
 * (the writer moves a resource's data down after its chunk table) stay in memory, and a write
 * that leaves a gap past the end of the file on the server (a resource's chunks before its
 * chunk table) stays in the window too, so a round trip is paid only per window: before, a
 * 128 MiB capture sent 1417 requests of 50 KB on average and 27% more bytes than the WIM. A
 * full window is sent by a thread of its own while the next one fills, {@value #IN_FLIGHT}
 * requests in flight: the writer does not wait for the server, which on a capture over
 * loopback is busy on the same cores (with one in flight, the writer of a 128 MiB capture
 * waited about 25% longer for it under load). Reads outside the window, truncates,
 * {@link #force} and {@link #close} wait for those requests first. A lost connection fails the write, at the
 * latest when the channel is closed (the writer then leaves the old WIM in place).
 * Thread-safe (synchronized).
 */
final class SmbWriteChannel extends PositionalChannel {
    /**
     * 4 MiB less one of smbj's 64 KiB chunks: smbj encodes a request into a buffer that doubles
     * as it fills, so a request of 4 MiB of data plus its header would take an 8 MiB array
     * (zeroed, and copied into from the 4 MiB one) for every window.
     */
    static final int BUFFER = (4 << 20) - (64 << 10);
    /** Requests sent at once. */
    private static final int IN_FLIGHT = 2;
    private final RemotePath path;
    private final File file;
    private byte[] pending = new byte[BUFFER];
    /** Buffers of requests that are done, for the next windows. */
    private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
    private final ExecutorService sender;
    /** The requests in flight, oldest first. */
    private final ArrayDeque<Sending> inFlight = new ArrayDeque<>();
    private long pendingAt;
    private int pendingLength;
    private long size;
    /** Size of the file on the server: what was sent or was there. */
    private long remoteSize;

    SmbWriteChannel(RemotePath path, File file) {
        super(path.toString());
        this.path = path;
        this.file = file;
        this.size = file.getFileInformation().getStandardInformation().getEndOfFile();
        this.remoteSize = size;
        this.sender = Executors.newFixedThreadPool(IN_FLIGHT, r -> {
            Thread t = new Thread(r, "jwim-smb-write");
            t.setDaemon(true);
            return t;
        });
    }

    private IOException lost(SMBRuntimeException e) {
        return new NetException(path + ": write failed (" + e.getMessage() + ")", e);
    }

    /** A window being sent. */
    private record Sending(long at, int length, byte[] buffer, Future<?> done) {
        boolean overlaps(long from, int n) {
            return at < from + n && from < at + length;
        }
    }

    /**
     * Starts sending the window and starts an empty one, after the oldest request when
     * {@value #IN_FLIGHT} are in flight, and after any request for the same bytes (the server
     * may carry out requests in flight in any order).
     */
    private void send() throws IOException {
        if (pendingLength == 0) {
            return;
        }
        byte[] b = pending;
        long at = pendingAt;
        int length = pendingLength;
        while (inFlight.size() >= IN_FLIGHT || inFlight.stream().anyMatch(s -> s.overlaps(at, length))) {
            finishOldest();
        }
        inFlight.add(new Sending(at, length, b, sender.submit(() -> {
            for (int done = 0; done < length;) {
                done += (int) file.write(b, at + done, done, length - done);
            }
            return null;
        })));
        pending = spare.isEmpty() ? new byte[BUFFER] : spare.pop();
        remoteSize = Math.max(remoteSize, at + length);
        pendingLength = 0;
    }

    /** Waits for the requests in flight; the first failure is this call's. */
    private void drain() throws IOException {
        while (!inFlight.isEmpty()) {
            finishOldest();
        }
    }

    private void finishOldest() throws IOException {
        Sending oldest = inFlight.poll();
        try {
            oldest.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing " + path);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SMBRuntimeException s) {
                throw lost(s);
            }
            throw new NetException(path + ": write failed (" + e.getCause() + ")", e.getCause());
        } finally {
            spare.push(oldest.buffer());
        }
    }

    @Override
    public synchronized int write(ByteBuffer src, long pos) throws IOException {
        int n = src.remaining();
        long end = pendingAt + pendingLength;
        if (pendingLength > 0 && pos > end && pos - pendingAt < BUFFER && end >= remoteSize) {
            // a gap past the server's end of file, such as a chunk table written after its
            // chunks: the server would fill it with zeros, so the window does
            Arrays.fill(pending, pendingLength, (int) (pos - pendingAt), (byte) 0);
            pendingLength = (int) (pos - pendingAt);
        }
        if (pendingLength > 0 && (pos < pendingAt || pos > pendingAt + pendingLength)) {
            send();
        }
        while (src.hasRemaining()) {
            long at = pos + (n - src.remaining());
            if (pendingLength == 0) {
                pendingAt = at;
            }
            int from = (int) (at - pendingAt);
            int k = Math.min(src.remaining(), BUFFER - from);
            src.get(pending, from, k);
            pendingLength = Math.max(pendingLength, from + k);
            if (pendingLength == BUFFER) {
                send();
            }
        }
        size = Math.max(size, pos + n);
        return n;
    }

    @Override
    public synchronized int read(ByteBuffer dst, long pos) throws IOException {
        if (pos >= size) {
            return -1;
        }
        if (pendingLength > 0 && pos >= pendingAt && pos < pendingAt + pendingLength) {
            int n = (int) Math.min(dst.remaining(), pendingAt + pendingLength - pos);
            dst.put(pending, (int) (pos - pendingAt), n);
            return n;
        }
        send();
        drain();
        byte[] b = new byte[(int) Math.min(dst.remaining(), Math.min(size - pos, BUFFER))];
        try {
            int n = file.read(b, pos, 0, b.length);
            if (n > 0) {
                dst.put(b, 0, n);
            }
            return n <= 0 ? -1 : n;
        } catch (SMBRuntimeException e) {
            throw lost(e);
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return atPosition(src, this::write);
    }

    @Override
    public synchronized long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += write(srcs[i]);
        }
        return total;
    }

    @Override
    public synchronized long size() {
        return size;
    }

    @Override
    public synchronized FileChannel truncate(long newSize) throws IOException {
        if (pendingLength > 0 && newSize >= pendingAt && newSize < pendingAt + pendingLength) {
            pendingLength = (int) (newSize - pendingAt); // not sent yet: forget it here
        } else if (newSize < pendingAt) {
            pendingLength = 0;
        }
        if (newSize < remoteSize) {
            drain();
            try {
                file.setLength(newSize);
            } catch (SMBRuntimeException e) {
                throw lost(e);
            }
            remoteSize = newSize;
        }
        size = Math.min(size, newSize);
        position(Math.min(position(), newSize));
        return this;
    }

    @Override
    public synchronized void force(boolean metaData) throws IOException {
        send();
        drain();
        try {
            file.flush();
        } catch (SMBRuntimeException e) {
            throw lost(e);
        }
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long pos, long count) throws IOException {
        return copy(count, (buf, done) -> src.read(buf), (buf, done) -> write(buf, pos + done));
    }

    @Override
    protected synchronized void implCloseChannel() throws IOException {
        try {
            send();
            drain();
        } finally {
            sender.shutdownNow();
            try {
                file.close();
            } catch (SMBRuntimeException e) {
                // the connection is gone; the server closes the handle
            }
        }
    }
}
