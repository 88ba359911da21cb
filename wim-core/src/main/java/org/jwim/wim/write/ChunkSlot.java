package org.jwim.wim.write;

import java.util.concurrent.Future;

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
    Future<?> compression;

    ChunkSlot(int chunkSize) {
        in = new byte[chunkSize];
        out = new byte[chunkSize];
    }
}
