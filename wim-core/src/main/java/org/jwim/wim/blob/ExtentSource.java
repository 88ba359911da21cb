package org.jwim.wim.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * A blob made of extents of a volume channel (NTFS runs, FAT cluster chains). An extent whose
 * start is -1 is a hole that reads as zeros. The sort key is the first real extent's start.
 */
public final class ExtentSource implements BlobSource {
    private final FileChannel channel;
    private final long[] starts;
    private final long[] lengths;
    /** Where each extent ends in the blob, for {@link #read(long, ByteBuffer)}. */
    private final long[] ends;
    private final long size;
    private final long sortKey;
    private static final byte[] ZEROS = new byte[4096];

    /**
     * @param starts  absolute byte offsets in {@code channel}, or -1 for a hole
     * @param lengths byte length of each extent; their sum is the blob size
     */
    public ExtentSource(FileChannel channel, long[] starts, long[] lengths) {
        if (starts.length != lengths.length) {
            throw new IllegalArgumentException("starts and lengths differ in count");
        }
        this.channel = Objects.requireNonNull(channel);
        this.starts = starts.clone();
        this.lengths = lengths.clone();
        long total = 0;
        long key = Long.MAX_VALUE;
        this.ends = new long[starts.length];
        for (int i = 0; i < starts.length; i++) {
            if (lengths[i] < 0) {
                throw new IllegalArgumentException("negative extent length " + lengths[i]);
            }
            total = Math.addExact(total, lengths[i]);
            ends[i] = total;
            if (starts[i] >= 0 && key == Long.MAX_VALUE) {
                key = starts[i];
            }
        }
        this.size = total;
        this.sortKey = key;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long sortKey() {
        return sortKey;
    }

    /**
     * Fills {@code dst}'s remaining bytes from byte {@code offset} of the blob on. Positional
     * reads only, so threads may read different parts of one source (and of one volume) at
     * once: the chunk pipeline's workers read the chunks they hash.
     */
    public void read(long offset, ByteBuffer dst) throws IOException {
        if (offset < 0 || dst.remaining() > size - offset) {
            throw new IndexOutOfBoundsException("bytes " + offset + "+" + dst.remaining() + " of a blob of " + size);
        }
        int i = java.util.Arrays.binarySearch(ends, offset);
        i = i < 0 ? -i - 1 : i + 1; // the first extent ending after offset
        long pos = offset;
        while (dst.hasRemaining()) {
            long inExtent = pos - (ends[i] - lengths[i]);
            int n = (int) Math.min(dst.remaining(), lengths[i] - inExtent);
            if (starts[i] < 0) {
                for (int k = 0; k < n;) {
                    int m = Math.min(n - k, ZEROS.length);
                    dst.put(ZEROS, 0, m);
                    k += m;
                }
            } else {
                int limit = dst.limit();
                dst.limit(dst.position() + n);
                long at = starts[i] + inExtent;
                while (dst.hasRemaining()) {
                    if (channel.read(dst, at + (n - dst.remaining())) < 0) {
                        dst.limit(limit);
                        throw new IOException("extent at offset " + starts[i] + " runs past the end of the volume");
                    }
                }
                dst.limit(limit);
            }
            pos += n;
            i++;
        }
    }

    @Override
    public InputStream open() {
        return new InputStream() {
            private int extent;
            private long inExtent;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                Objects.checkFromIndexSize(off, len, b.length);
                while (extent < starts.length && inExtent == lengths[extent]) {
                    extent++;
                    inExtent = 0;
                }
                if (extent == starts.length) {
                    return -1;
                }
                int n = (int) Math.min(len, lengths[extent] - inExtent);
                if (starts[extent] < 0) {
                    java.util.Arrays.fill(b, off, off + n, (byte) 0);
                } else {
                    ByteBuffer buf = ByteBuffer.wrap(b, off, n);
                    long pos = starts[extent] + inExtent;
                    while (buf.hasRemaining()) {
                        int r = channel.read(buf, pos + (n - buf.remaining()));
                        if (r < 0) {
                            throw new IOException("extent at offset " + starts[extent]
                                    + " runs past the end of the volume");
                        }
                    }
                }
                inExtent += n;
                return n;
            }
        };
    }
}
