package org.jwim.wim.write;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.List;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.compress.ChunkCompressor;

/** Reads and compresses in the calling thread, one chunk at a time. */
final class SerialChunkStream implements ChunkStream {
    private final Iterator<BlobJob> jobs;
    private final ChunkCompressor compressor;
    private final int chunkSize;
    private final ChunkSlot slot;
    private BlobJob job;
    private InputStream in;
    private MessageDigest md;
    private long done;

    SerialChunkStream(List<BlobJob> jobs, ChunkCompressor compressor, int chunkSize) {
        this.jobs = jobs.iterator();
        this.compressor = compressor;
        this.chunkSize = chunkSize;
        this.slot = new ChunkSlot(chunkSize, null);
    }

    @Override
    public ChunkItem next() throws IOException {
        if (job == null) {
            if (!jobs.hasNext()) {
                return null;
            }
            job = jobs.next();
            in = job.source.open();
            md = Sha1.newDigest();
            done = 0;
            return new ChunkItem.Begin(job);
        }
        if (done < job.size()) {
            int len = (int) Math.min(chunkSize, job.size() - done);
            ResourceWriter.readChunk(in, slot.in, len, job.size(), job::label);
            md.update(slot.in, 0, len);
            slot.length = len;
            ChunkStream.compress(compressor, slot);
            done += len;
            return new ChunkItem.Chunk(slot);
        }
        try (InputStream src = in) {
            ResourceWriter.expectEnd(src, job.size(), job::label);
        }
        ChunkItem end = new ChunkItem.End(job, Sha1.of(md.digest()));
        job = null;
        in = null;
        return end;
    }

    @Override
    public void release(ChunkSlot s) {
        // one slot, reused for every chunk
    }

    @Override
    public void close() {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing a source we only read
            }
            in = null;
        }
    }
}
