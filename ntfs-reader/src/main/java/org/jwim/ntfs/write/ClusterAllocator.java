package org.jwim.ntfs.write;

/**
 * The volume's cluster bitmap while it is written: a bump allocator that hands out the lowest
 * free clusters after its cursor, so consecutive allocations are contiguous and data lands in
 * write order. Reserved clusters (kept files, the boot area) are never handed out. For a
 * crash-safe apply the clusters the old volume uses are also never handed out, yet stay out of
 * the new volume's bitmap ({@link #avoid}). Not thread-safe.
 */
final class ClusterAllocator {
    private final long clusters;
    private final long[] bits;
    /** Clusters the old volume uses (crash-safe mode), or null. */
    private long[] avoided;
    private long cursor;
    private long used;
    /** Clusters neither used nor avoided. */
    private long free;

    ClusterAllocator(long clusters) {
        this.clusters = clusters;
        this.bits = new long[(int) ((clusters + 63) >>> 6)];
        this.free = clusters;
    }

    /**
     * Never hands out the clusters set in {@code bitmap} (bit i = cluster i, as in $Bitmap),
     * without counting them as used by the new volume. Call before the first allocation.
     */
    void avoid(byte[] bitmap) {
        if (avoided != null) {
            throw new IllegalStateException("avoid() called twice");
        }
        avoided = new long[bits.length];
        for (int i = 0; i < avoided.length; i++) {
            long w = 0;
            for (int k = 0; k < 8 && 8 * i + k < bitmap.length; k++) {
                w |= (bitmap[8 * i + k] & 0xFFL) << (8 * k);
            }
            avoided[i] = w & validMask(i);
        }
        free = 0;
        for (int i = 0; i < bits.length; i++) {
            free += Long.bitCount(~(bits[i] | avoided[i]) & validMask(i));
        }
    }

    /** Hands out the clusters {@link #avoid} set aside again (gives up the crash-safe mode). */
    void stopAvoiding() {
        if (avoided == null) {
            return;
        }
        avoided = null;
        free = clusters - used;
    }

    boolean isAvoiding() {
        return avoided != null;
    }

    /** Clusters still available for allocation. */
    long available() {
        return free;
    }

    private long validMask(int word) {
        long left = clusters - ((long) word << 6);
        return left >= 64 ? -1L : (1L << left) - 1;
    }

    private boolean isAvoided(long lcn) {
        return avoided != null && (avoided[(int) (lcn >>> 6)] & (1L << lcn)) != 0;
    }

    private void take(long c) {
        bits[(int) (c >>> 6)] |= 1L << c;
        used++;
        if (!isAvoided(c)) {
            free--;
        }
    }

    long clusters() {
        return clusters;
    }

    long used() {
        return used;
    }

    boolean isUsed(long lcn) {
        return (bits[(int) (lcn >>> 6)] & (1L << lcn)) != 0;
    }

    /** Marks clusters used (a run of a kept file); already-used clusters are an overlap. */
    void reserve(long lcn, long length) {
        if (lcn < 0 || length < 0 || lcn + length > clusters) {
            throw new IllegalArgumentException("clusters " + lcn + "+" + length + " outside the volume's " + clusters);
        }
        for (long c = lcn; c < lcn + length; c++) {
            if (isUsed(c)) {
                throw new IllegalArgumentException("cluster " + c + " is reserved twice");
            }
            take(c);
        }
    }

    /** Next allocations start looking at {@code lcn}. */
    void seek(long lcn) {
        cursor = lcn;
    }

    /** Frees clusters reserved earlier (temporarily kept data that has been copied). */
    void release(long lcn, long length) {
        for (long c = lcn; c < lcn + length; c++) {
            if (isUsed(c)) {
                bits[(int) (c >>> 6)] &= ~(1L << c);
                used--;
                if (!isAvoided(c)) {
                    free++;
                }
            }
        }
    }

    /**
     * Allocates {@code count} clusters, contiguous when the free space after the cursor allows,
     * and appends them to {@code runs}.
     */
    void allocate(long count, Runs runs) throws NtfsVolumeFullException {
        if (count > free) {
            throw new NtfsVolumeFullException("volume full: need " + count + " more clusters, "
                    + free + " of " + clusters + (avoided == null ? " free" : " free outside the old volume's data"));
        }
        long left = count;
        boolean wrapped = false;
        while (left > 0) {
            long start = nextFree(cursor);
            if (start < 0) {
                if (wrapped) {
                    throw new IllegalStateException("free cluster count out of step with the bitmap");
                }
                wrapped = true;
                cursor = 0;
                continue;
            }
            long end = start;
            while (end < clusters && end - start < left && !isTaken(end)) {
                end++;
            }
            for (long c = start; c < end; c++) {
                take(c);
            }
            runs.add(start, end - start);
            left -= end - start;
            cursor = end;
        }
    }

    private long nextFree(long from) {
        for (long c = from; c < clusters; ) {
            int i = (int) (c >>> 6);
            long w = avoided == null ? bits[i] : bits[i] | avoided[i];
            if (w == -1L && (c & 63) == 0) {
                c += 64;
                continue;
            }
            if (!isTaken(c)) {
                return c;
            }
            c++;
        }
        return -1;
    }

    /**
     * Guards crash-safe mode: throws when a cluster of {@code [from, to)} belongs to the old
     * volume (a write there before the switch would damage it).
     */
    void checkNotAvoided(long from, long to) {
        for (long c = from; c < to; c++) {
            if (isAvoided(c)) {
                throw new IllegalStateException("write to cluster " + c + ", which the old volume uses, before the switch");
            }
        }
    }

    private boolean isTaken(long lcn) {
        return isUsed(lcn) || isAvoided(lcn);
    }

    /** The $Bitmap contents: {@code bytes} long, bit i = cluster i in use. */
    byte[] bitmap(int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bits.length; i++) {
            long w = bits[i];
            for (int k = 0; k < 8 && 8 * i + k < bytes; k++) {
                b[8 * i + k] = (byte) (w >>> (8 * k));
            }
        }
        return b;
    }
}
