package org.jwim.ntfs.write;

import java.util.Arrays;

/**
 * LZNT1 compression of one 4 KiB chunk (the NTFS compressed-file format, MS-XCA): greedy
 * matches found through 3-byte hash chains. A chunk that does not shrink is stored raw. One
 * instance per thread; tables are allocated once and reused.
 */
final class Lznt1Compressor {
    static final int CHUNK = 4096;
    private static final int HASH_BITS = 12;
    private static final int MAX_CHAIN = 24;
    private static final int NIL = -1;

    private final int[] head = new int[1 << HASH_BITS];
    private final int[] prev = new int[CHUNK];
    private final byte[] tmp = new byte[CHUNK + CHUNK / 8 + 16];

    /**
     * Compresses {@code in[off..off+len)} ({@code len} &le; 4096) as one chunk into
     * {@code out[o..)} (room for 4098 bytes needed).
     *
     * @return bytes written, header included
     */
    int compressChunk(byte[] in, int off, int len, byte[] out, int o) {
        int n = encode(in, off, len);
        if (n < 0 || n >= CHUNK) {
            // raw chunk: always a full 4 KiB of data (readers copy 4096 bytes)
            out[o] = (byte) 0xFF;
            out[o + 1] = 0x3F;
            System.arraycopy(in, off, out, o + 2, len);
            Arrays.fill(out, o + 2 + len, o + 2 + CHUNK, (byte) 0);
            return CHUNK + 2;
        }
        int header = 0x8000 | 0x3000 | (n - 1);
        out[o] = (byte) header;
        out[o + 1] = (byte) (header >>> 8);
        System.arraycopy(tmp, 0, out, o + 2, n);
        return n + 2;
    }

    /** Compressed body into {@link #tmp}; its length, or -1 when it would not be smaller. */
    private int encode(byte[] in, int off, int len) {
        Arrays.fill(head, NIL);
        int op = 0;
        int flagPos = 0;
        int flags = 0;
        int items = 0;
        int p = 0;
        while (p < len) {
            if (items == 0) {
                flagPos = op++;
                flags = 0;
            }
            if (op + 2 >= CHUNK) {
                return -1;
            }
            int lenBits = 12;
            for (int i = p - 1; i >= 0x10; i >>>= 1) {
                lenBits--;
            }
            int maxLen = Math.min((1 << lenBits) + 2, len - p);
            int maxDist = Math.min(1 << (16 - lenBits), p);
            int bestLen = 0;
            int bestDist = 0;
            if (maxLen >= 3) {
                int h = hash(in, off + p);
                int cand = head[h];
                int chain = 0;
                while (cand != NIL && p - cand <= maxDist && chain++ < MAX_CHAIN) {
                    int l = 0;
                    while (l < maxLen && in[off + cand + l] == in[off + p + l]) {
                        l++;
                    }
                    if (l > bestLen) {
                        bestLen = l;
                        bestDist = p - cand;
                        if (l == maxLen) {
                            break;
                        }
                    }
                    cand = prev[cand];
                }
            }
            int step;
            if (bestLen >= 3) {
                int token = ((bestDist - 1) << lenBits) | (bestLen - 3);
                tmp[op++] = (byte) token;
                tmp[op++] = (byte) (token >>> 8);
                flags |= 1 << items;
                step = bestLen;
            } else {
                tmp[op++] = in[off + p];
                step = 1;
            }
            for (int k = 0; k < step; k++) {
                if (p + k + 3 <= len) {
                    int h = hash(in, off + p + k);
                    prev[p + k] = head[h];
                    head[h] = p + k;
                }
            }
            p += step;
            tmp[flagPos] = (byte) flags;
            items = (items + 1) & 7;
        }
        return op;
    }

    private static int hash(byte[] b, int i) {
        int v = (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16;
        return (v * 0x9E3779B1) >>> (32 - HASH_BITS);
    }
}
