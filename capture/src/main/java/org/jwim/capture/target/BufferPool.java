package org.jwim.capture.target;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Byte arrays in power-of-two sizes from 4 KiB to 2 MiB, handed out and taken back by any
 * thread. Reusing them spares the zeroing and page faults of fresh arrays and keeps the heap
 * from growing under a high allocation rate. At most {@code maxPooled} bytes are kept.
 * Thread-safe.
 */
final class BufferPool {
    private static final int MIN_SHIFT = 12;
    private static final int MAX_SHIFT = 21;

    private final ConcurrentLinkedQueue<byte[]>[] free;
    private final AtomicLong pooled = new AtomicLong();
    private final long maxPooled;

    @SuppressWarnings("unchecked")
    BufferPool(long maxPooled) {
        this.maxPooled = maxPooled;
        free = new ConcurrentLinkedQueue[MAX_SHIFT - MIN_SHIFT + 1];
        for (int i = 0; i < free.length; i++) {
            free[i] = new ConcurrentLinkedQueue<>();
        }
    }

    /** An array of at least {@code size} bytes (contents undefined). */
    byte[] take(int size) {
        int shift = Math.max(MIN_SHIFT, 32 - Integer.numberOfLeadingZeros(Math.max(1, size) - 1));
        if (shift > MAX_SHIFT) {
            return new byte[size];
        }
        byte[] b = free[shift - MIN_SHIFT].poll();
        if (b == null) {
            return new byte[1 << shift];
        }
        pooled.addAndGet(-b.length);
        return b;
    }

    /** Takes back an array from {@link #take}; its owner must not use it any more. */
    void give(byte[] b) {
        int shift = 31 - Integer.numberOfLeadingZeros(b.length);
        if (b.length != 1 << shift || shift < MIN_SHIFT || shift > MAX_SHIFT) {
            return;
        }
        if (pooled.addAndGet(b.length) > maxPooled) {
            pooled.addAndGet(-b.length);
            return;
        }
        free[shift - MIN_SHIFT].offer(b);
    }
}
