package org.jwim.wim.compress.lz;

/** The copy of an LZ77 match in bulk, for decoders. */
public final class MatchCopy {
    private MatchCopy() {
    }

    /**
     * {@code out[op + i] = out[src + i]} for i in [0, length) in order, as LZ77 means it even
     * when the match overlaps itself (src + length > op), by bulk copies whose source and target
     * never overlap: the bytes from src repeat with period op - src, so after k whole periods
     * are copied the next copy may take k + 1 periods, and the copies double in size.
     */
    public static void copy(byte[] out, int src, int op, int length) {
        int period = op - src;
        int done = 0;
        while (done < length) {
            int n = Math.min(done + period, length - done);
            System.arraycopy(out, src, out, op + done, n);
            done += n;
        }
    }
}
