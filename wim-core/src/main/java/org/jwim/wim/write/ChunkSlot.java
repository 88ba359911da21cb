package org.jwim.wim.write;

import java.security.MessageDigest;
import org.jwim.wim.blob.ExtentSource;

/**
 * A pooled pair of buffers travelling through the chunk pipeline: {@code in[offset, offset +
 * length)} holds the uncompressed bytes; after compression {@code out[0, outLength)} holds the
 * compressed form, or {@code outLength} is 0 when the chunk is stored raw. In an uncompressed
 * parallel pipeline the slots of a batch share one {@code in} array at different offsets and
 * have no {@code out}.
 */
final class ChunkSlot {
    final byte[] in;
    final byte[] out;
    /** Where the chunk starts in {@code in}: 0 unless the slot's batch is packed. */
    int offset;
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

    /** A slot of a packed batch: its chunk lies in the batch's {@code shared} array. */
    ChunkSlot(byte[] shared, SlotBatch batch) {
        in = shared;
        out = null;
        this.batch = batch;
    }
}
