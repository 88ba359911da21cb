package org.jwim.wim.write;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import org.jwim.wim.CompressionType;
import org.jwim.wim.compress.ChunkCompressor;
import org.jwim.wim.compress.Codecs;

/**
 * Reads blob jobs in the given order, cuts them into chunks, compresses the chunks and hands
 * them out in order. A serial and a parallel implementation share this interface.
 */
interface ChunkStream extends Closeable {
    /** The next item, or null after the last job's End. */
    ChunkItem next() throws IOException;

    /** Returns a chunk's buffers once the writer is done with them. */
    void release(ChunkSlot slot);

    /** Stops any background work; safe to call more than once. */
    @Override
    void close();

    static ChunkStream of(List<BlobJob> jobs, CompressionType type, int chunkSize, int level, int threads)
            throws IOException {
        if (threads <= 1 || jobs.isEmpty()) {
            return new SerialChunkStream(jobs, compressor(type, chunkSize, level), chunkSize);
        }
        return new ParallelChunkStream(jobs, type, chunkSize, level, threads);
    }

    static ChunkCompressor compressor(CompressionType type, int chunkSize, int level) throws IOException {
        return type == CompressionType.NONE ? null : Codecs.compressor(type, chunkSize, level);
    }

    /** Compresses {@code slot.in} into {@code slot.out}, or marks it raw. */
    static void compress(ChunkCompressor c, ChunkSlot slot) {
        slot.outLength = c == null || slot.length < 2 ? 0
                : c.compress(slot.in, 0, slot.length, slot.out, 0, slot.length - 1);
    }
}
