package org.jwim.ntfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A read-only {@link FileChannel} over a byte array, so fuzz targets can open a volume without
 * writing a file per input. Only positional and relative reads and {@link #size()} work; every
 * write, map or lock throws. Not thread-safe (one fuzz input at a time).
 */
final class MemoryChannel extends FileChannel {
    private final byte[] data;
    private final int length;
    private long position;

    /** A channel over {@code data[0..length)}; the array is not copied. */
    MemoryChannel(byte[] data, int length) {
        this.data = data;
        this.length = length;
    }

    @Override
    public int read(ByteBuffer dst, long pos) throws IOException {
        if (pos < 0) {
            throw new IllegalArgumentException("negative position " + pos);
        }
        ensureOpen();
        if (pos >= length) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), length - pos);
        dst.put(data, (int) pos, n);
        return n;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = read(dst, position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int count) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + count; i++) {
            int n = read(dsts[i]);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
        }
        return total;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return length;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public FileChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    private void ensureOpen() throws IOException {
        if (!isOpen()) {
            throw new java.nio.channels.ClosedChannelException();
        }
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int count) {
        throw new NonWritableChannelException();
    }

    @Override
    public int write(ByteBuffer src, long pos) {
        throw new NonWritableChannelException();
    }

    @Override
    public FileChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public void force(boolean metaData) {
    }

    @Override
    public long transferTo(long pos, long count, WritableByteChannel target) {
        throw new UnsupportedOperationException("transferTo");
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long pos, long count) {
        throw new NonWritableChannelException();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long pos, long size) {
        throw new UnsupportedOperationException("map");
    }

    @Override
    public FileLock lock(long pos, long size, boolean shared) {
        throw new UnsupportedOperationException("lock");
    }

    @Override
    public FileLock tryLock(long pos, long size, boolean shared) {
        throw new UnsupportedOperationException("tryLock");
    }

    @Override
    protected void implCloseChannel() {
    }
}
