package org.jwim.capture.apply;

import java.util.ArrayList;
import java.util.List;
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

    /** Free arrays by size: entry i holds arrays of 2^(MIN_SHIFT + i) bytes. */
    private final List<ConcurrentLinkedQueue<byte[]>> free;
    private final AtomicLong pooled = new AtomicLong();
    private final long maxPooled;

    BufferPool(long maxPooled) {
        this.maxPooled = maxPooled;
        List<ConcurrentLinkedQueue<byte[]>> queues = new ArrayList<>();
        for (int shift = MIN_SHIFT; shift <= MAX_SHIFT; shift++) {
            queues.add(new ConcurrentLinkedQueue<>());
        }
        free = List.copyOf(queues);
    }

    /** An array of at least {@code size} bytes (contents undefined). */
    byte[] take(int size) {
        int shift = Math.max(MIN_SHIFT, 32 - Integer.numberOfLeadingZeros(Math.max(1, size) - 1));
        if (shift > MAX_SHIFT) {
            return new byte[size];
        }
        byte[] b = free.get(shift - MIN_SHIFT).poll();
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
        free.get(shift - MIN_SHIFT).offer(b);
    }
}
