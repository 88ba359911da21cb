package org.jwim.wim.compress.lzx;

import static org.jwim.wim.compress.lzx.LzxConstants.*;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Minimum-cost parse of one LZX block. Matches for every position are found once (binary-tree
 * match finder) and cached; then a forward shortest-path pass over the positions prices
 * literals, the three recent offsets and every length of every cached match with the current
 * Huffman code lengths. Each position remembers the recent-offset queue of its cheapest path,
 * which is what makes repeat offsets usable inside the parse ("near-optimal": the queue of a
 * cheaper-but-longer-to-reach path is not explored). Costs are in 1/16 bits.
 * Allocation-free after construction; not thread-safe.
 */
final class NearOptimalParser {
    static final int COST_SHIFT = 4;
    private static final int INF = Integer.MAX_VALUE / 2;
    /** Bits per offset in a packed queue: LZX offsets are below 2^21. */
    private static final int Q_SHIFT = 21;
    private static final long Q_MASK = (1L << Q_SHIFT) - 1;
    private static final long Q_ALL = (1L << (3 * Q_SHIFT)) - 1;
    private static final VarHandle SHORT =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private final BtMatchFinder mf;
    private final int niceLen;
    private final int depth;
    private final int[] matchStart;
    private final int[] matches;
    // Per node (position in block, 0..n): cheapest cost, last edge and queue after it.
    private final int[] node;
    /** Price of (slot, length): mc[slot * MC_STRIDE + length - 2]. */
    private final int[] mc = new int[MAX_SLOTS * MC_STRIDE];
    private static final int MC_STRIDE = 256;
    /** Recent-offset queue per expanded node, packed as by {@link #after}. */
    private final long[] queue;
    /** The chosen parse, in order: length (1 = literal) and code (0..2 rep, else offset+2). */
    final int[] itemLen;
    final int[] itemCode;
    int itemCount;
    /** Recent offsets at the end of the chosen parse. */
    int endR0;
    int endR1;
    int endR2;

    NearOptimalParser(BtMatchFinder mf, int maxBlock, int niceLen, int depth) {
        this.mf = mf;
        this.niceLen = niceLen;
        this.depth = depth;
        this.matchStart = new int[maxBlock + 1];
        this.matches = new int[maxBlock * (depth + 2)];
        this.node = new int[2 * (maxBlock + 1)];
        this.queue = new long[maxBlock + 1];
        this.itemLen = new int[maxBlock];
        this.itemCode = new int[maxBlock];
    }

    /**
     * Runs the match finder over buf[start, start+n) and caches the matches. The finder sees
     * lengths up to the chunk end (its tree stays consistent only if later positions never
     * compare further than earlier ones); lengths are then clipped to the block end.
     */
    void findMatches(int start, int n, int chunkLen) {
        final BtMatchFinder f = mf;
        final int[] m = matches;
        final int[] ms = matchStart;
        final int depth = this.depth;
        int w = 0;
        int skip = 0;
        for (int i = 0; i < n; i++) {
            ms[i] = w;
            int pos = start + i;
            int maxLen = Math.min(MAX_MATCH, chunkLen - pos);
            if (maxLen < 4) {
                continue;
            }
            int nice = Math.min(niceLen, maxLen);
            if (skip > 0) {
                skip--;
                f.skip(pos, nice, depth);
                continue;
            }
            int e = f.find(pos, maxLen, nice, depth, m, w);
            if (e == w) {
                continue;
            }
            int longest = m[e - 1] & 511;
            int blockMax = n - i;
            if (longest > blockMax) {
                // Clip to the block end, keeping lengths strictly increasing.
                int k = w;
                while (k < e && (m[k] & 511) < blockMax) {
                    k++;
                }
                if (k < e) {
                    m[k] = blockMax | (m[k] & ~511);
                    k++;
                }
                e = blockMax >= MIN_MATCH ? k : w;
                longest = blockMax;
            }
            w = e;
            if (longest >= niceLen) {
                skip = longest - 1;
            }
        }
        matchStart[n] = w;
    }

    /**
     * Finds the cheapest parse of buf[start, start+n) given symbol costs and the recent
     * offsets in force at the block start; fills the item arrays and end offsets.
     * node[2j] is the cheapest cost to reach position j, node[2j+1] the last edge of that path
     * as {@code code << 9 | length}; a node's queue is derived from its edge only when the node
     * is expanded, which keeps the inner loops to two stores per improvement.
     */
    void parse(byte[] buf, int start, int n, int r0, int r1, int r2, int[] mainCost) {
        final int[] mc = this.mc;
        final int[] node = this.node;
        final long[] q = this.queue;
        final int[] m = matches;
        final int[] ms = matchStart;
        node[0] = 0;
        node[1] = 0;
        for (int j = 1; j <= n; j++) {
            node[2 * j] = INF;
        }
        long qa = r0 | (long) r1 << Q_SHIFT | (long) r2 << (2 * Q_SHIFT);
        int i = 0;
        boolean expandedPrev = false;
        while (i < n) {
            int edge = node[2 * i + 1];
            if (i > 0 && (edge != 1 || !expandedPrev)) {
                qa = after(q[i - (edge & 511)], edge);
            }
            q[i] = qa;
            int c = node[2 * i];
            int p = start + i;
            int nc = c + mainCost[buf[p] & 0xFF];
            if (nc < node[2 * i + 2]) {
                node[2 * i + 2] = nc;
                node[2 * i + 3] = 1;
            }
            int maxLen = Math.min(MAX_MATCH, n - i);
            int x = ms[i];
            int e = ms[i + 1];
            int next = MIN_MATCH;
            // Each length is priced once, with the cheapest-looking offset that reaches it:
            // R0, then R1, R2, then explicit offsets closest first. R1 and R2 are only tried
            // where the match finder found something (wimlib's heuristic too), R0 everywhere
            // (cheap, and it pays). A recent offset never reaches before the chunk but at its
            // first position (the initial 1).
            if (maxLen >= MIN_MATCH && p > 0) {
                int head = (short) SHORT.get(buf, p);
                int r = (int) (qa & Q_MASK);
                if ((short) SHORT.get(buf, p - r) == head) {
                    next = 1 + rep(buf, p, r, maxLen, node, i, c, MIN_MATCH, mc, 0);
                }
                if (x < e) {
                    r = (int) (qa >>> Q_SHIFT & Q_MASK);
                    if (next <= maxLen && (short) SHORT.get(buf, p - r) == head) {
                        next = 1 + rep(buf, p, r, maxLen, node, i, c, next, mc, 1);
                    }
                    r = (int) (qa >>> (2 * Q_SHIFT));
                    if (next <= maxLen && (short) SHORT.get(buf, p - r) == head) {
                        next = 1 + rep(buf, p, r, maxLen, node, i, c, next, mc, 2);
                    }
                }
                for (; x < e; x++) {
                    int len = m[x] & 511;
                    if (len < next) {
                        continue;
                    }
                    int f = (m[x] >>> 9) + 2;
                    relax(node, i, c, next, len, mc, slotOf(f) * MC_STRIDE - MIN_MATCH, f);
                    next = len + 1;
                }
            }
            int longest = next - 1;
            if (longest >= niceLen) {
                // A very long match is taken as is: its inner positions are not expanded.
                i += longest;
                expandedPrev = false;
            } else {
                i++;
                expandedPrev = true; // a literal edge into i keeps the queue held in qa
            }
        }
        int count = 0;
        for (int j = n; j > 0; j -= node[2 * j + 1] & 511) {
            count++;
        }
        itemCount = count;
        for (int j = n; j > 0; ) {
            int edge = node[2 * j + 1];
            --count;
            itemLen[count] = edge & 511;
            itemCode[count] = edge >>> 9;
            j -= edge & 511;
        }
        // Queue at the end: replay the chosen items from the block-start queue.
        int b0 = r0;
        int b1 = r1;
        int b2 = r2;
        for (int k = 0; k < itemCount; k++) {
            if (itemLen[k] == 1) {
                continue;
            }
            int code = itemCode[k];
            if (code >= 3) {
                b2 = b1;
                b1 = b0;
                b0 = code - 2;
            } else if (code == 1) {
                int t = b1;
                b1 = b0;
                b0 = t;
            } else if (code == 2) {
                int t = b2;
                b2 = b0;
                b0 = t;
            }
        }
        endR0 = b0;
        endR1 = b1;
        endR2 = b2;
    }

    /** The recent-offset queue (R0 | R1 << 21 | R2 << 42) after taking {@code edge} from {@code from}. */
    private static long after(long from, int edge) {
        int code = edge >>> 9;
        if ((edge & 511) == 1 || code == 0) {
            return from;
        }
        if (code >= 3) {
            return (from << Q_SHIFT | (code - 2)) & Q_ALL;
        }
        long r0 = from & Q_MASK;
        int sh = code * Q_SHIFT;
        long rk = (from >>> sh) & Q_MASK;
        return from & ~(Q_MASK << sh) & ~Q_MASK | rk | r0 << sh;
    }

    /**
     * Prices the lengths of recent offset k (its first two bytes match) from {@code next} on;
     * returns the longest length priced, or next - 1 if none.
     */
    private static int rep(byte[] buf, int p, int r, int maxLen, int[] node, int i, int c, int next, int[] mc, int k) {
        int len = BtMatchFinder.extend(buf, p - r, p, 2, maxLen);
        if (len < next) {
            return next - 1;
        }
        relax(node, i, c, next, len, mc, k * MC_STRIDE - MIN_MATCH, k);
        return len;
    }

    /** Prices lengths [from, to] of one match from node i; mc[mcBase + len] is its cost. */
    private static void relax(int[] node, int i, int c, int from, int to, int[] mc, int mcBase, int code) {
        int codeBits = code << 9;
        for (int l = from; l <= to; l++) {
            int t = c + mc[mcBase + l];
            int j = 2 * (i + l);
            if (t < node[j]) {
                node[j] = t;
                node[j + 1] = codeBits | l;
            }
        }
    }

    /**
     * Fills the (slot, length) price table: main symbol, length symbol and extra offset bits.
     * Must be called whenever the costs change, before {@link #parse}.
     */
    void setCosts(int[] mainCost, int[] lenCost, int numSlots) {
        for (int slot = 0; slot < numSlots; slot++) {
            int extra = EXTRA[slot] << COST_SHIFT;
            int sym = NUM_CHARS + (slot << 3);
            int row = slot * MC_STRIDE - MIN_MATCH;
            for (int l = MIN_MATCH; l < MIN_MATCH + NUM_PRIMARY_LENS; l++) {
                mc[row + l] = mainCost[sym + l - MIN_MATCH] + extra;
            }
            int longBase = mainCost[sym + NUM_PRIMARY_LENS] + extra;
            for (int l = MIN_MATCH + NUM_PRIMARY_LENS; l <= MAX_MATCH; l++) {
                mc[row + l] = longBase + lenCost[l - MIN_MATCH - NUM_PRIMARY_LENS];
            }
        }
    }

    /**
     * A cheap lazy parse over the cached matches, used only to get first symbol statistics
     * for pricing the real parse of a chunk's first block.
     */
    void lazyParse(byte[] buf, int start, int n, int r0, int r1, int r2) {
        int count = 0;
        int i = 0;
        long cached = -1; // bestAt(i) when known from the previous step's lookahead
        while (i < n) {
            long best = cached >= 0 ? cached : bestAt(buf, start, n, i, r0, r1, r2);
            cached = -1;
            int len = (int) best;
            if (len >= MIN_MATCH && len < niceLen && i + 1 < n) {
                long next = bestAt(buf, start, n, i + 1, r0, r1, r2);
                if ((int) next > len) {
                    len = 0;
                    cached = next; // a literal keeps the queue, so the lookahead stays valid
                }
            }
            if (len < MIN_MATCH) {
                itemLen[count] = 1;
                itemCode[count++] = 0;
                i++;
                continue;
            }
            int code = (int) (best >>> 32);
            itemLen[count] = len;
            itemCode[count++] = code;
            if (code == 1) {
                int t = r1;
                r1 = r0;
                r0 = t;
            } else if (code == 2) {
                int t = r2;
                r2 = r0;
                r0 = t;
            } else if (code > 2) {
                r2 = r1;
                r1 = r0;
                r0 = code - 2;
            }
            i += len;
        }
        itemCount = count;
        endR0 = r0;
        endR1 = r1;
        endR2 = r2;
    }

    /** Longest usable match at block position i as {@code code << 32 | length} (0 if none). */
    private long bestAt(byte[] buf, int start, int n, int i, int r0, int r1, int r2) {
        int p = start + i;
        int maxLen = Math.min(MAX_MATCH, n - i);
        if (maxLen < MIN_MATCH) {
            return 0;
        }
        int bestLen = 0;
        int bestCode = 0;
        for (int k = 0; k < 3; k++) {
            int r = k == 0 ? r0 : k == 1 ? r1 : r2;
            if (r > p || buf[p] != buf[p - r] || buf[p + 1] != buf[p + 1 - r]) {
                continue;
            }
            int len = BtMatchFinder.extend(buf, p - r, p, 2, maxLen);
            if (len > bestLen) {
                bestLen = len;
                bestCode = k;
            }
        }
        int e = matchStart[i + 1];
        if (e > matchStart[i]) {
            int len = matches[e - 1] & 511;
            // A recent offset is much cheaper than an explicit one of about the same length.
            if (len > bestLen + 1) {
                bestLen = len;
                bestCode = (matches[e - 1] >>> 9) + 2;
            }
        }
        return (long) bestCode << 32 | bestLen;
    }
}
