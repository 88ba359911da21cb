package org.jwim.wim.compress.xpress;

/**
 * Deliberately simple XPRESS decoder written straight from [MS-XCA] / wim-format.md §11.2, used
 * to cross-check the production codec: a 32-bit register refilled one 16-bit word at a time only
 * when it holds fewer bits than needed, canonical codes decoded bit by bit, raw length bytes
 * taken after the words loaded so far. Returns null on any error.
 */
final class SpecXpressDecoder {
    private final byte[] in;
    private int next;
    private final int end;
    private long reg;   // right-aligned valid bits
    private int count;

    private SpecXpressDecoder(byte[] in, int off, int len) {
        this.in = in;
        this.next = off + 256;
        this.end = off + len;
    }

    static byte[] decode(byte[] in, int off, int len, int outLen) {
        return decode(in, off, len, outLen, null);
    }

    /** As {@link #decode(byte[], int, int, int)}, adding {position, length, offset} of each match to {@code matches}. */
    static byte[] decode(byte[] in, int off, int len, int outLen, java.util.List<int[]> matches) {
        if (len < 256) {
            return null;
        }
        int[] lens = new int[512];
        for (int i = 0; i < 256; i++) {
            lens[2 * i] = in[off + i] & 15;
            lens[2 * i + 1] = (in[off + i] >> 4) & 15;
        }
        // canonical code: first code and symbols ordered by (length, symbol)
        int[] count = new int[16];
        for (int l : lens) {
            count[l]++;
        }
        count[0] = 0;
        int[] first = new int[17];
        int[] index = new int[17];
        int code = 0;
        int idx = 0;
        for (int l = 1; l <= 15; l++) {
            first[l] = code;
            index[l] = idx;
            code = (code + count[l]) << 1;
            idx += count[l];
        }
        int[] sorted = new int[idx];
        int[] fill = index.clone();
        for (int l = 1; l <= 15; l++) {
            for (int s = 0; s < 512; s++) {
                if (lens[s] == l) {
                    sorted[fill[l]++] = s;
                }
            }
        }
        SpecXpressDecoder d = new SpecXpressDecoder(in, off, len);
        byte[] out = new byte[outLen];
        int op = 0;
        while (op < outLen) {
            int c = 0;
            int sym = -1;
            d.ensure(15);
            for (int l = 1; l <= 15; l++) {
                c = (c << 1) | d.take(1);
                if (c - first[l] < count[l]) {
                    sym = sorted[index[l] + c - first[l]];
                    break;
                }
            }
            if (sym < 0) {
                return null;
            }
            if (sym < 256) {
                out[op++] = (byte) sym;
                continue;
            }
            int length = sym & 15;
            int log2 = (sym >> 4) & 15;
            d.ensure(16);
            int offset = (1 << log2) | d.take(log2);
            if (length == 15) {
                int b = d.rawByte();
                if (b == 255) {
                    length = d.rawByte() | (d.rawByte() << 8);
                } else {
                    length = 15 + b;
                }
            }
            length += 3;
            if (offset > op || length > outLen - op) {
                return null;
            }
            if (matches != null) {
                matches.add(new int[] {op, length, offset});
            }
            for (int i = 0; i < length; i++, op++) {
                out[op] = out[op - offset];
            }
        }
        return out;
    }

    private void ensure(int n) {
        if (count < n) {
            int w = next + 2 <= end ? (in[next] & 0xFF) | (in[next + 1] & 0xFF) << 8 : 0;
            next += 2;
            reg = (reg << 16) | w;
            count += 16;
        }
    }

    private int take(int n) {
        if (n == 0) {
            return 0;
        }
        int v = (int) (reg >>> (count - n)) & ((1 << n) - 1);
        count -= n;
        return v;
    }

    private int rawByte() {
        return next < end ? in[next++] & 0xFF : 0;
    }
}
