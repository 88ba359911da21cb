package org.jwim.wim.compress.lz;

import java.util.Arrays;

/**
 * A cheap test for chunks that an LZ77 + Huffman coder cannot shrink (already compressed or
 * encrypted data), so that the expensive match search can be skipped and the chunk stored raw.
 *
 * <p>A chunk is called incompressible when its bytes carry at least {@link #MIN_BITS} bits of
 * order-0 entropy per byte (Huffman-coded literals cannot beat that) and at most one position
 * in {@link #MAX_HIT_RATE} repeats the 4 bytes last seen under its hash (so matches can save
 * almost nothing). Random data passes with about 7.994 bits and almost never a hit (equal 4-byte
 * strings are rare in random data, unlike 3-byte ones); text, machine code, tables and padding
 * fail on the entropy alone. The probe may give up at most a fraction of a percent on data that
 * is random but for a few repeats; it never looks at chunks under {@link #MIN_LENGTH}.
 *
 * <p>One instance per thread; about 130 KiB of tables, allocated once.
 */
public final class IncompressibleProbe {
    /** Bits per byte below which Huffman coding of literals alone may gain. */
    static final double MIN_BITS = 7.98;
    /** At most one 4-byte repeat per this many positions. */
    static final int MAX_HIT_RATE = 1024;
    /** Shorter samples of random bytes fall below MIN_BITS (about 255 / (2 n ln 2) bits short). */
    static final int MIN_LENGTH = 16384;
    /** The first bytes looked at, and the entropy they need (random bytes give about 7.955). */
    private static final int SAMPLE = 4096;
    private static final double MIN_SAMPLE_BITS = 7.9;
    /** Big enough that a 4-byte string seen 20 KiB earlier is still in the table half the time. */
    private static final int HASH_BITS = 15;

    private final int[] counts = new int[256];
    private final int[] last = new int[1 << HASH_BITS];

    /**
     * True if the caller wants the chunk only if it shrinks ({@code maxOut < len}) and it looks
     * incompressible: coders skip the search then. A caller that allows growth still gets a
     * coded chunk.
     */
    public boolean cannotShrink(byte[] in, int off, int len, int maxOut) {
        return maxOut < len && test(in, off, len);
    }

    /** True if {@code in[off, off+len)} looks incompressible; chunks under 16 KiB never do. */
    public boolean test(byte[] in, int off, int len) {
        if (len < MIN_LENGTH) {
            return false;
        }
        // most chunks are text or code: a 4 KiB sample rejects them for 1/8 of the work; the
        // rest of the chunk is then added to the sample's counts
        Arrays.fill(counts, 0);
        count(in, off, SAMPLE);
        if (entropy(SAMPLE) < MIN_SAMPLE_BITS * SAMPLE) {
            return false;
        }
        count(in, off + SAMPLE, len - SAMPLE);
        return entropy(len) >= MIN_BITS * len && fewRepeats(in, off, len);
    }

    private void count(byte[] in, int off, int len) {
        int[] c = counts;
        for (int i = off, end = off + len; i < end; i++) {
            c[in[i] & 0xFF]++;
        }
    }

    /** Order-0 entropy in bits of the {@code total} bytes counted so far. */
    private double entropy(int total) {
        double bits = 0;
        for (int n : counts) {
            if (n != 0) {
                bits += n * Math.log((double) total / n);
            }
        }
        return bits / Math.log(2);
    }

    private boolean fewRepeats(byte[] in, int off, int len) {
        int[] t = last;
        Arrays.fill(t, 0);
        int allowed = len / MAX_HIT_RATE;
        int v = 0;
        for (int p = off, end = off + len; p < end; p++) {
            v = (v >>> 8) | (in[p] << 24); // the 4 bytes ending at p
            int h = (v * 0x9E3779B1) >>> (32 - HASH_BITS);
            if (t[h] == v && p >= off + 3 && --allowed < 0) {
                return false;
            }
            t[h] = v;
        }
        return true;
    }
}
