package org.jwim.wim.compress.lzx;

import static org.jwim.wim.compress.lzx.LzxConstants.*;

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

    private final BtMatchFinder mf;
    private final int niceLen;
    private final int depth;
    private final int[] matchStart;
    private final int[] matches;
    // Per node (position in block, 0..n): cheapest cost, last edge and queue after it.
    private final int[] cost;
    private final int[] edgeLen;
    private final int[] edgeCode;
    private final int[] q0;
    private final int[] q1;
    private final int[] q2;
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
        this.cost = new int[maxBlock + 1];
        this.edgeLen = new int[maxBlock + 1];
        this.edgeCode = new int[maxBlock + 1];
        this.q0 = new int[maxBlock + 1];
        this.q1 = new int[maxBlock + 1];
        this.q2 = new int[maxBlock + 1];
        this.itemLen = new int[maxBlock];
        this.itemCode = new int[maxBlock];
    }

    /**
     * Runs the match finder over buf[start, start+n) and caches the matches. The finder sees
     * lengths up to the chunk end (its tree stays consistent only if later positions never
     * compare further than earlier ones); lengths are then clipped to the block end.
     */
    void findMatches(int start, int n, int chunkLen) {
        int[] m = matches;
        int w = 0;
        int skip = 0;
        for (int i = 0; i < n; i++) {
            matchStart[i] = w;
            int pos = start + i;
            int maxLen = Math.min(MAX_MATCH, chunkLen - pos);
            if (maxLen < 4) {
                continue;
            }
            if (skip > 0) {
                skip--;
                mf.find(pos, maxLen, niceLen, depth, m, w, false);
                continue;
            }
            int c = mf.find(pos, maxLen, niceLen, depth, m, w, true);
            if (c == 0) {
                continue;
            }
            int longest = m[w + c - 1] & 511;
            int blockMax = n - i;
            if (longest > blockMax) {
                // Clip to the block end, keeping lengths strictly increasing.
                int k = 0;
                while (k < c && (m[w + k] & 511) < blockMax) {
                    k++;
                }
                if (k < c) {
                    m[w + k] = blockMax | (m[w + k] & ~511);
                    k++;
                }
                c = blockMax >= MIN_MATCH ? k : 0;
                longest = blockMax;
            }
            w += c;
            if (longest >= niceLen) {
                skip = longest - 1;
            }
        }
        matchStart[n] = w;
    }

    /**
     * Finds the cheapest parse of buf[start, start+n) given symbol costs and the recent
     * offsets in force at the block start; fills the item arrays and end offsets.
     */
    void parse(byte[] buf, int start, int n, int r0, int r1, int r2, int[] mainCost, int[] lenCost) {
        final int[] cost = this.cost;
        final int[] eLen = edgeLen;
        final int[] eCode = edgeCode;
        final int[] q0 = this.q0;
        final int[] q1 = this.q1;
        final int[] q2 = this.q2;
        final int[] m = matches;
        cost[0] = 0;
        q0[0] = r0;
        q1[0] = r1;
        q2[0] = r2;
        for (int j = 1; j <= n; j++) {
            cost[j] = INF;
        }
        int i = 0;
        while (i < n) {
            int c = cost[i];
            int p = start + i;
            int a0 = q0[i];
            int a1 = q1[i];
            int a2 = q2[i];
            int nc = c + mainCost[buf[p] & 0xFF];
            if (nc < cost[i + 1]) {
                cost[i + 1] = nc;
                eLen[i + 1] = 1;
                q0[i + 1] = a0;
                q1[i + 1] = a1;
                q2[i + 1] = a2;
            }
            int maxLen = Math.min(MAX_MATCH, n - i);
            int longest = 0;
            if (maxLen >= MIN_MATCH) {
                // Recent offsets: every length up to the longest match at that offset.
                for (int k = 0; k < 3; k++) {
                    int r = k == 0 ? a0 : k == 1 ? a1 : a2;
                    if (r > p || buf[p] != buf[p - r] || buf[p + 1] != buf[p + 1 - r]) {
                        continue;
                    }
                    int len = BtMatchFinder.extend(buf, p - r, p, 2, maxLen);
                    if (len > longest) {
                        longest = len;
                    }
                    int symBase = NUM_CHARS + (k << 3) - MIN_MATCH;
                    for (int l = MIN_MATCH; l <= len; l++) {
                        int lc = l < 9 ? mainCost[symBase + l] : mainCost[symBase + 9] + lenCost[l - 9];
                        int t = c + lc;
                        int j = i + l;
                        if (t < cost[j]) {
                            cost[j] = t;
                            eLen[j] = l;
                            eCode[j] = k;
                            q0[j] = r;
                            q1[j] = k == 1 ? a0 : a1;
                            q2[j] = k == 2 ? a0 : a2;
                        }
                    }
                }
                // Explicit offsets: lengths above the previous (closer) match's length.
                int prev = MIN_MATCH - 1;
                for (int x = matchStart[i], e = matchStart[i + 1]; x < e; x++) {
                    int len = m[x] & 511;
                    int off = m[x] >>> 9;
                    int f = off + 2;
                    int slot = slotOf(f);
                    int symBase = NUM_CHARS + (slot << 3) - MIN_MATCH;
                    int base = c + (EXTRA[slot] << COST_SHIFT);
                    for (int l = prev + 1; l <= len; l++) {
                        int lc = l < 9 ? mainCost[symBase + l] : mainCost[symBase + 9] + lenCost[l - 9];
                        int t = base + lc;
                        int j = i + l;
                        if (t < cost[j]) {
                            cost[j] = t;
                            eLen[j] = l;
                            eCode[j] = f;
                            q0[j] = off;
                            q1[j] = a0;
                            q2[j] = a1;
                        }
                    }
                    prev = len;
                    if (len > longest) {
                        longest = len;
                    }
                }
            }
            // A very long match is taken as is: its inner positions are not expanded.
            i += longest >= niceLen ? longest : 1;
        }
        int count = 0;
        for (int j = n; j > 0; j -= eLen[j]) {
            count++;
        }
        itemCount = count;
        for (int j = n; j > 0; j -= eLen[j]) {
            --count;
            itemLen[count] = eLen[j];
            itemCode[count] = eCode[j];
        }
        endR0 = q0[n];
        endR1 = q1[n];
        endR2 = q2[n];
    }

    /**
     * A cheap lazy parse over the cached matches, used only to get first symbol statistics
     * for pricing the real parse of a chunk's first block.
     */
    void lazyParse(byte[] buf, int start, int n, int r0, int r1, int r2) {
        int count = 0;
        int i = 0;
        while (i < n) {
            long best = bestAt(buf, start, n, i, r0, r1, r2);
            int len = (int) best;
            if (len >= MIN_MATCH && len < niceLen && i + 1 < n) {
                long next = bestAt(buf, start, n, i + 1, r0, r1, r2);
                if ((int) next > len) {
                    len = 0;
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
