package org.jwim.wim.write;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jwim.wim.CompressionType;
import org.jwim.wim.compress.ChunkCompressor;
import org.jwim.wim.compress.Codecs;

/**
 * Reads blob jobs in the given order, cuts them into chunks, compresses the chunks and hands
 * them out in order. A serial and a parallel implementation share this interface. Jobs may
 * come in several lanes (the blobs of several images), each read by its own reader; their blobs
 * are then handed out interleaved in the order {@link #laneOrder} fixes from the sizes alone.
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
        return ofLanes(List.of(jobs), type, chunkSize, level, threads);
    }

    /** A stream over several lanes of jobs, read concurrently when {@code threads} > 1. */
    static ChunkStream ofLanes(List<List<BlobJob>> lanes, CompressionType type, int chunkSize, int level,
            int threads) throws IOException {
        int[] order = laneOrder(lanes);
        if (threads <= 1 || order.length == 0) {
            List<BlobJob> merged = new ArrayList<>(order.length);
            int[] taken = new int[lanes.size()];
            for (int lane : order) {
                merged.add(lanes.get(lane).get(taken[lane]++));
            }
            return new SerialChunkStream(merged, compressor(type, chunkSize, level), chunkSize);
        }
        return new ParallelChunkStream(lanes, order, type, chunkSize, level, threads);
    }

    /**
     * The lane of each blob in the order the writer takes them: the next blob comes from the
     * unfinished lane with the fewest bytes taken so far (the first such lane on a tie). Fixed
     * by the sizes alone, so the file's layout does not depend on which reader was faster, and
     * the readers advance at about the same rate in bytes. One lane: its jobs in order.
     */
    static int[] laneOrder(List<List<BlobJob>> lanes) {
        int total = 0;
        for (List<BlobJob> l : lanes) {
            total += l.size();
        }
        int[] order = new int[total];
        if (lanes.size() == 1) {
            return order; // every blob from lane 0
        }
        int[] taken = new int[lanes.size()];
        long[] bytes = new long[lanes.size()];
        for (int i = 0; i < total; i++) {
            int best = -1;
            for (int lane = 0; lane < lanes.size(); lane++) {
                if (taken[lane] < lanes.get(lane).size() && (best < 0 || bytes[lane] < bytes[best])) {
                    best = lane;
                }
            }
            bytes[best] += lanes.get(best).get(taken[best]++).size();
            order[i] = best;
        }
        return order;
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
