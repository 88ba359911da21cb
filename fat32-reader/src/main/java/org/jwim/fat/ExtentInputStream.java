package org.jwim.fat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;
import org.jwim.fat.format.Io;

/** Reads extents with positional channel reads straight into the caller's array. */
final class ExtentInputStream extends InputStream {
    private final FileChannel channel;
    private final FatExtents extents;
    private int run;
    private long inRun;
    private long remaining;

    ExtentInputStream(FileChannel channel, FatExtents extents) {
        this.channel = channel;
        this.extents = extents;
        this.remaining = extents.totalLength();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (remaining == 0) {
            return -1;
        }
        while (inRun == extents.length(run)) {
            run++;
            inRun = 0;
        }
        int n = (int) Math.min(len, extents.length(run) - inRun);
        Io.readFully(channel, ByteBuffer.wrap(b, off, n), extents.start(run) + inRun);
        inRun += n;
        remaining -= n;
        return n;
    }

    @Override
    public long skip(long n) {
        long todo = Math.max(0, Math.min(n, remaining));
        long left = todo;
        while (left > 0) {
            long step = Math.min(left, extents.length(run) - inRun);
            inRun += step;
            left -= step;
            if (inRun == extents.length(run) && left > 0) {
                run++;
                inRun = 0;
            }
        }
        remaining -= todo;
        return todo;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }
}
