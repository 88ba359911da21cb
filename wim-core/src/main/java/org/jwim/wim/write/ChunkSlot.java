package org.jwim.wim.write;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import org.jwim.wim.blob.ExtentSource;

/**
 * A pooled pair of buffers travelling through the chunk pipeline: {@code in} holds
 * {@code length} uncompressed bytes; after compression {@code out[0, outLength)} holds the
 * compressed form, or {@code outLength} is 0 when the chunk is stored raw. An uncompressed
 * parallel pipeline's slot has {@link #direct} memory instead of both arrays.
 */
final class ChunkSlot {
    final byte[] in;
    final byte[] out;
    /**
     * The chunk's bytes when nothing is compressed (else null): read into by positional reads,
     * hashed and written from, without the JDK's copies between a heap array and the kernel,
     * and handed to the writer's own thread instead of copied into a gather buffer.
     */
    final ByteBuffer direct;
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
        this(chunkSize, batch, false);
    }

    ChunkSlot(int chunkSize, SlotBatch batch, boolean direct) {
        in = direct ? null : new byte[chunkSize];
        out = direct ? null : new byte[chunkSize];
        this.direct = direct ? ByteBuffer.allocateDirect(chunkSize) : null;
        this.batch = batch;
    }

    /** The {@link #direct} slot's {@code length} bytes, from its start. */
    ByteBuffer bytes() {
        return direct.clear().limit(length);
    }
}
