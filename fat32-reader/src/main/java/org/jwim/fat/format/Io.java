package org.jwim.fat.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.jwim.fat.FatFormatException;

/** Positional reads that either fill the buffer or fail with the offset that was short. */
public final class Io {
    private Io() {
    }

    /** Fills {@code buf} from its position to its limit, reading at absolute {@code position}. */
    public static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new FatFormatException("unexpected end of data at byte " + pos
                        + " (needed " + buf.remaining() + " more bytes)");
            }
            pos += n;
        }
    }

    /** Reads {@code len} bytes at {@code position} into {@code dst[off..]}. */
    public static void readFully(FileChannel ch, byte[] dst, int off, int len, long position)
            throws IOException {
        readFully(ch, ByteBuffer.wrap(dst, off, len), position);
    }
}
