package org.jwim.wim.write;

import java.security.MessageDigest;
import org.jwim.wim.blob.ExtentSource;

/**
 * A pooled pair of buffers travelling through the chunk pipeline: {@code in} holds
 * {@code length} uncompressed bytes; after compression {@code out[0, outLength)} holds the
 * compressed form, or {@code outLength} is 0 when the chunk is stored raw.
 */
final class ChunkSlot {
    final byte[] in;
    final byte[] out;
    int length;
    int outLength;
    /** The SHA-1 of the slot's blob, fed in chunk order by the worker (parallel stream only). */
    MessageDigest digest;
    /**
     * When not null, the worker reads the chunk itself, {@code length} bytes from byte
     * {@code from} of this source (parallel stream only): positional reads spread over the
     * workers, so the reader only hands out ranges.
     */
    ExtentSource source;
    long from;
    /** The batch this slot belongs to in a parallel stream, else null. */
    final SlotBatch batch;

    ChunkSlot(int chunkSize, SlotBatch batch) {
        in = new byte[chunkSize];
        out = new byte[chunkSize];
        this.batch = batch;
    }
}
