package org.jwim.wim.compress.lzx;

/**
 * Writes bits MSB-first into 16-bit little-endian words, the LZX bitstream layout. The buffer
 * is allocated once; callers check {@link #size()} against their budget between blocks.
 */
final class BitWriter {
    final byte[] buf;
    private int pos;
    private long acc;
    private int count;

    BitWriter(int capacity) {
        buf = new byte[capacity];
    }

    void reset() {
        pos = 0;
        acc = 0;
        count = 0;
    }

    /** Appends the low {@code n} (0..32) bits of {@code v}, most significant first. */
    void write(int v, int n) {
        acc = (acc << n) | (v & ((1L << n) - 1));
        count += n;
        while (count >= 16) {
            count -= 16;
            int w = (int) (acc >>> count);
            buf[pos] = (byte) w;
            buf[pos + 1] = (byte) (w >>> 8);
            pos += 2;
        }
    }

    /** Pads the last partial word with zero bits. */
    void flush() {
        if (count > 0) {
            write(0, 16 - count);
        }
    }

    /** Bytes written so far (complete words only). */
    int size() {
        return pos;
    }
}
