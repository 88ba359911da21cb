package org.jwim.wim.compress.lzx;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Binary-tree match finder over one chunk. Each position is inserted into a binary search tree
 * (keyed by the bytes that follow) rooted at its 4-byte hash bucket; walking down that tree
 * yields matches of strictly increasing length, the closest offset for each length. A
 * separate 3-byte hash remembers the latest position for short matches.
 * Reset per chunk; allocation-free after construction; not thread-safe.
 */
final class BtMatchFinder {
    private static final VarHandle LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** Bytes after the chunk end that must exist (zeroed) in the buffer for 8-byte compares. */
    static final int PADDING = 16;
    private static final int HASH3_BITS = 15;

    private final int hash4Bits;
    private final int[] hash4;
    private final int[] hash3 = new int[1 << HASH3_BITS];
    /** child[2p] = left (smaller) subtree, child[2p+1] = right; -1 = none. */
    private final int[] child;
    private byte[] buf;
    private final int chunkCap;
    /**
     * Hash heads hold {@code base + pos}; each chunk raises base by the chunk capacity, so
     * heads from earlier chunks read as negative positions without clearing the tables.
     */
    private int base;
    /** Set by {@link #insert}: the previous newest positions of the two buckets. */
    private int head3;
    private int head4;
    /** Position whose hashes and bucket entries {@link #insert} read ahead; -1: none. */
    private int aheadPos = -1;
    private int aheadH3;
    private int aheadH4;
    private int ahead3;
    private int ahead4;

    BtMatchFinder(int chunkSize) {
        int order = 32 - Integer.numberOfLeadingZeros(Math.max(chunkSize, 1) - 1);
        this.hash4Bits = Math.max(14, Math.min(20, order + 1));
        this.hash4 = new int[1 << hash4Bits];
        this.child = new int[2 * chunkSize];
        this.chunkCap = chunkSize;
        this.base = Integer.MAX_VALUE; // forces a clear on the first reset
    }

    /**
     * Starts a new chunk held in buf[0, n) followed by {@link #PADDING} zero bytes. Every
     * earlier position of the chunk is within reach: the LZX window is at least the chunk size,
     * so an offset exceeds the window's limit (window - 3) only from the last 3 positions,
     * which are never searched (a match needs 4 bytes here).
     */
    void reset(byte[] buf) {
        this.buf = buf;
        if (base > Integer.MAX_VALUE - 2 * chunkCap) {
            java.util.Arrays.fill(hash4, 0);
            java.util.Arrays.fill(hash3, 0);
            base = chunkCap;
        } else {
            base += chunkCap;
        }
        aheadPos = -1;
    }

    /**
     * Inserts {@code pos} and reports its matches, longest last, as {@code len | offset << 9}
     * into {@code out[w...]}.
     *
     * @param maxLen    longest match allowed here (at least 4)
     * @param niceLen   stop searching at this length (at most maxLen)
     * @param depth     maximum tree nodes visited
     * @return the index after the last match written
     */
    int find(int pos, int maxLen, int niceLen, int depth, int[] out, int w) {
        final byte[] b = buf;
        final int[] ch = child;
        int seq = (int) INT.get(b, pos);
        insert(pos, seq);
        int cur3 = head3;
        int cur = head4;
        int best = 2;
        if (cur3 >= 0 && (((int) INT.get(b, cur3) ^ seq) & 0xFFFFFF) == 0) {
            best = extend(b, cur3, pos, 3, maxLen);
            out[w++] = best | (pos - cur3) << 9;
        }
        int pendLeft = 2 * pos;
        int pendRight = 2 * pos + 1;
        int lenLeft = 0;
        int lenRight = 0;
        // Lengths are capped at maxLen only where one is reported at or beyond niceLen: below
        // it the first difference lies within the chunk (niceLen <= maxLen), and the 8-byte
        // loads stay within the padding.
        for (int d = depth; d > 0 && cur >= 0; d--) {
            int len = Math.min(lenLeft, lenRight);
            long a = (long) LONG_BE.get(b, cur + len);
            long x = a ^ (long) LONG_BE.get(b, pos + len);
            boolean smaller;
            if (x != 0) {
                // Big-endian: the first differing byte is the highest; its highest differing
                // bit, shifted to the sign, is 0 where the node's sequence is the smaller.
                int t = Long.numberOfLeadingZeros(x);
                len += t >>> 3;
                smaller = a << t >= 0;
            } else {
                len = extend(b, cur, pos, len + 8, maxLen);
                smaller = len < niceLen && (b[cur + len] & 0xFF) < (b[pos + len] & 0xFF);
            }
            if (len >= niceLen) {
                if (len > best) {
                    out[w++] = Math.min(len, maxLen) | (pos - cur) << 9;
                }
                ch[pendLeft] = ch[2 * cur];
                ch[pendRight] = ch[2 * cur + 1];
                return w;
            }
            if (len > best) {
                best = len;
                out[w++] = len | (pos - cur) << 9;
            }
            if (smaller) {
                ch[pendLeft] = cur;
                pendLeft = 2 * cur + 1;
                cur = ch[pendLeft];
                lenLeft = len;
            } else {
                ch[pendRight] = cur;
                pendRight = 2 * cur;
                cur = ch[pendRight];
                lenRight = len;
            }
        }
        ch[pendLeft] = -1;
        ch[pendRight] = -1;
        return w;
    }

    /**
     * Inserts {@code pos} without reporting matches (positions inside a long match). Same tree
     * as {@link #find}: lengths are only compared up to {@code niceLen} (at most the match
     * limit here), where the walk stops anyway, so a run of equal bytes costs one 8-byte
     * compare per node instead of an extension to the longest match.
     */
    void skip(int pos, int niceLen, int depth) {
        final byte[] b = buf;
        final int[] ch = child;
        insert(pos, (int) INT.get(b, pos));
        int cur = head4;
        int pendLeft = 2 * pos;
        int pendRight = 2 * pos + 1;
        int lenLeft = 0;
        int lenRight = 0;
        for (int d = depth; d > 0 && cur >= 0; d--) {
            int len = Math.min(lenLeft, lenRight);
            long a = (long) LONG_BE.get(b, cur + len);
            long x = a ^ (long) LONG_BE.get(b, pos + len);
            boolean smaller;
            if (x != 0) {
                int t = Long.numberOfLeadingZeros(x);
                len += t >>> 3;
                smaller = a << t >= 0;
            } else {
                len = extend(b, cur, pos, len + 8, niceLen);
                smaller = len < niceLen && (b[cur + len] & 0xFF) < (b[pos + len] & 0xFF);
            }
            if (len >= niceLen) {
                ch[pendLeft] = ch[2 * cur];
                ch[pendRight] = ch[2 * cur + 1];
                return;
            }
            if (smaller) {
                ch[pendLeft] = cur;
                pendLeft = 2 * cur + 1;
                cur = ch[pendLeft];
                lenLeft = len;
            } else {
                ch[pendRight] = cur;
                pendRight = 2 * cur;
                cur = ch[pendRight];
                lenRight = len;
            }
        }
        ch[pendLeft] = -1;
        ch[pendRight] = -1;
    }

    /**
     * Makes {@code pos} the newest entry of its hash buckets and leaves the entries it replaced
     * in {@link #head3} and {@link #head4} (negative: none). The buckets of pos + 1 are read
     * here already, after this insertion (they may be the same), so that their loads overlap
     * this position's tree walk instead of starting the next one.
     */
    private void insert(int pos, int seq) {
        final int[] t3 = hash3;
        final int[] t4 = hash4;
        int h3;
        int h4;
        int old3;
        int old4;
        if (pos == aheadPos) {
            h3 = aheadH3;
            h4 = aheadH4;
            old3 = ahead3;
            old4 = ahead4;
        } else {
            h3 = ((seq & 0xFFFFFF) * 0x9E3779B1) >>> (32 - HASH3_BITS);
            h4 = (seq * 0x9E3779B1) >>> (32 - hash4Bits);
            old3 = t3[h3];
            old4 = t4[h4];
        }
        t3[h3] = base + pos;
        t4[h4] = base + pos;
        head3 = old3 - base;
        head4 = old4 - base;
        int next = (int) INT.get(buf, pos + 1);
        int n3 = ((next & 0xFFFFFF) * 0x9E3779B1) >>> (32 - HASH3_BITS);
        int n4 = (next * 0x9E3779B1) >>> (32 - hash4Bits);
        aheadPos = pos + 1;
        aheadH3 = n3;
        aheadH4 = n4;
        ahead3 = t3[n3];
        ahead4 = t4[n4];
    }

    /** Length of the common prefix of b[a..] and b[p..], starting from {@code len}, capped. */
    static int extend(byte[] b, int a, int p, int len, int maxLen) {
        while (len < maxLen) {
            long x = (long) LONG.get(b, a + len) ^ (long) LONG.get(b, p + len);
            if (x != 0) {
                len += Long.numberOfTrailingZeros(x) >>> 3;
                return Math.min(len, maxLen);
            }
            len += 8;
        }
        return maxLen;
    }
}
