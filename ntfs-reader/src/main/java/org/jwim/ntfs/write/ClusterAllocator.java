package org.jwim.ntfs.write;

/**
 * The volume's cluster bitmap while it is written: a bump allocator that hands out the lowest
 * free clusters after its cursor, so consecutive allocations are contiguous and data lands in
 * write order. Reserved clusters (kept files, the boot area) are never handed out. Not
 * thread-safe.
 */
final class ClusterAllocator {
    private final long clusters;
    private final long[] bits;
    private long cursor;
    private long used;

    ClusterAllocator(long clusters) {
        this.clusters = clusters;
        this.bits = new long[(int) ((clusters + 63) >>> 6)];
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
            bits[(int) (c >>> 6)] |= 1L << c;
        }
        used += length;
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
            }
        }
    }

    /**
     * Allocates {@code count} clusters, contiguous when the free space after the cursor allows,
     * and appends them to {@code runs}.
     */
    void allocate(long count, Runs runs) throws NtfsVolumeFullException {
        if (count > clusters - used) {
            throw new NtfsVolumeFullException("volume full: need " + count + " more clusters, "
                    + (clusters - used) + " of " + clusters + " free");
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
            while (end < clusters && end - start < left && !isUsed(end)) {
                end++;
            }
            for (long c = start; c < end; c++) {
                bits[(int) (c >>> 6)] |= 1L << c;
            }
            runs.add(start, end - start);
            used += end - start;
            left -= end - start;
            cursor = end;
        }
    }

    private long nextFree(long from) {
        for (long c = from; c < clusters; ) {
            long w = bits[(int) (c >>> 6)];
            if (w == -1L && (c & 63) == 0) {
                c += 64;
                continue;
            }
            if (!isUsed(c)) {
                return c;
            }
            c++;
        }
        return -1;
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
