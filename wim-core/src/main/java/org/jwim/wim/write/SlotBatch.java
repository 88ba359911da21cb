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

    SlotBatch(int size, int chunkSize, Queue<SlotBatch> home) {
        this.home = home;
        slots = new ChunkSlot[size];
        for (int i = 0; i < size; i++) {
            slots[i] = new ChunkSlot(chunkSize, this);
        }
    }
}
