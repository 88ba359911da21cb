package org.jwim.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.WritableByteChannel;

/**
 * A channel over a remote file whose subclasses define the positional read ({@link
 * #read(ByteBuffer, long)}); the current position, the relative and scattering reads and
 * {@link #transferTo} follow from it. Remote files cannot be mapped or locked.
 */
abstract class PositionalChannel extends FileChannel {
    /** Bytes one transfer step moves. */
    static final int TRANSFER = 4 << 20;

    private final String name;
    private long position;

    PositionalChannel(String name) {
        this.name = name;
    }

    /** The file, for messages. */
    final String name() {
        return name;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return atPosition(dst, this::read);
    }

    /** Runs a positional read or write at the current position and moves the position past what it moved. */
    final synchronized int atPosition(ByteBuffer buf, Step step) throws IOException {
        int n = step.move(buf, position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public synchronized long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            while (dsts[i].hasRemaining()) {
                int n = read(dsts[i]);
                if (n < 0) {
                    return total == 0 ? -1 : total;
                }
                total += n;
            }
        }
        return total;
    }

    @Override
    public synchronized long position() {
        return position;
    }

    @Override
    public synchronized FileChannel position(long newPosition) {
        position = newPosition;
        return this;
    }

    @Override
    public long transferTo(long pos, long count, WritableByteChannel target) throws IOException {
        return copy(count, (buf, done) -> read(buf, pos + done), (buf, done) -> target.write(buf));
    }

    /** Moves bytes into or out of {@code buf} at {@code at} (a file position, or an offset into a copy). */
    @FunctionalInterface
    interface Step {
        int move(ByteBuffer buf, long at) throws IOException;
    }

    /**
     * Copies up to {@code count} bytes in steps of at most {@value #TRANSFER}: {@code in} fills the
     * buffer (0 or less: nothing more to copy), {@code out} is called until it has emptied it.
     */
    static long copy(long count, Step in, Step out) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(TRANSFER, Math.max(1, count)));
        long done = 0;
        while (done < count) {
            buf.clear().limit((int) Math.min(buf.capacity(), count - done));
            int n = in.move(buf, done);
            if (n <= 0) {
                break;
            }
            buf.flip();
            while (buf.hasRemaining()) {
                out.move(buf, done + n - buf.remaining());
            }
            done += n;
        }
        return done;
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long pos, long len) {
        throw new UnsupportedOperationException("cannot map " + name);
    }

    @Override
    public FileLock lock(long pos, long len, boolean shared) {
        throw new UnsupportedOperationException("cannot lock " + name);
    }

    @Override
    public FileLock tryLock(long pos, long len, boolean shared) {
        throw new UnsupportedOperationException("cannot lock " + name);
    }
}
