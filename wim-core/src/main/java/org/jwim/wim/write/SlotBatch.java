package org.jwim.wim.write;

import java.util.Queue;
import java.util.concurrent.Future;

/**
 * Consecutive chunk slots compressed by one task, so that a worker wakes up, and the writer
 * waits, once per batch rather than once per chunk. The reader fills {@code used} slots and
 * submits the batch; the writer releases them in order and the batch returns to the pool when
 * the last one is released.
 */
final class SlotBatch {
    final ChunkSlot[] slots;
    int used;
    int released;
    Future<?> compression;
    /** The pool (of a parallel stream's lane) the batch returns to. */
    final Queue<SlotBatch> home;

    /**
     * Bytes of the shared array taken by the slots used so far, for a packed batch; -1 when
     * every slot has arrays of its own.
     */
    int filled;

    SlotBatch(int size, int chunkSize, Queue<SlotBatch> home) {
        this.home = home;
        slots = new ChunkSlot[size];
        for (int i = 0; i < size; i++) {
            slots[i] = new ChunkSlot(chunkSize, this);
        }
        filled = -1;
    }

    /**
     * A packed batch for chunks stored raw: up to {@code size} chunks side by side in one
     * array of {@code chunkSize} bytes, so that small files share a task (and a wake-up of a
     * worker and of the writer) instead of taking one each.
     */
    static SlotBatch packed(int size, int chunkSize, Queue<SlotBatch> home) {
        return new SlotBatch(size, new byte[chunkSize], home);
    }

    private SlotBatch(int size, byte[] shared, Queue<SlotBatch> home) {
        this.home = home;
        slots = new ChunkSlot[size];
        for (int i = 0; i < size; i++) {
            slots[i] = new ChunkSlot(shared, this);
        }
    }

    /** True if no further chunk of {@code len} bytes fits. */
    boolean full(int len) {
        return used == slots.length || (filled >= 0 && filled + len > slots[0].in.length);
    }
}
