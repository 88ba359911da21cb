package org.jwim.wim.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;
import org.jwim.wim.WimFormatException;
import org.jwim.wim.compress.ChunkDecompressor;
import org.jwim.wim.compress.CorruptChunkException;

/**
 * Streams the uncompressed bytes of chunked data: chunk i is stored at {@code base + start(i)}
 * with {@code stored(i)} bytes; a stored size equal to the chunk's length means "raw".
 */
abstract class ChunkedInputStream extends InputStream {
    private final FileChannel channel;
    private final ChunkDecompressor decompressor;
    private final int chunkSize;
    private final long totalSize;
    private final byte[] stored;
    private final byte[] chunk;
    private int chunkIndex;
    private int chunkLen;
    private int pos;
    private long remaining;

    /**
     * @param firstChunk index of the first chunk to read
     * @param skip       bytes to skip in the first chunk
     * @param length     bytes to deliver in total
     */
    ChunkedInputStream(FileChannel channel, ChunkDecompressor decompressor, int chunkSize,
            long totalSize, int firstChunk, int skip, long length) {
        this.channel = channel;
        this.decompressor = decompressor;
        this.chunkSize = chunkSize;
        this.totalSize = totalSize;
        int bufferSize = (int) Math.min(chunkSize, Math.max(totalSize, 1));
        this.stored = new byte[bufferSize];
        this.chunk = new byte[bufferSize];
        this.chunkIndex = firstChunk - 1;
        this.pos = skip;
        this.remaining = length;
        this.chunkLen = -1;
    }

    /** File offset of chunk {@code i}'s stored bytes. */
    abstract long chunkStart(int i) throws WimFormatException;

    /** Stored size of chunk {@code i}. */
    abstract long chunkStored(int i) throws WimFormatException;

    private void nextChunk() throws IOException {
        chunkIndex++;
        long first = (long) chunkIndex * chunkSize;
        chunkLen = (int) Math.min(chunkSize, totalSize - first);
        long start = chunkStart(chunkIndex);
        long size = chunkStored(chunkIndex);
        if (size <= 0 || size > chunkLen) {
            throw new WimFormatException(start, "chunk " + chunkIndex + " has stored size " + size
                    + ", expected 1.." + chunkLen);
        }
        byte[] target = size == chunkLen ? chunk : stored;
        ByteBuffer buf = ByteBuffer.wrap(target, 0, (int) size);
        while (buf.hasRemaining()) {
            if (channel.read(buf, start + buf.position()) < 0) {
                throw new WimFormatException(start, "chunk " + chunkIndex + " runs past end of file");
            }
        }
        if (size < chunkLen) {
            try {
                decompressor.decompress(stored, 0, (int) size, chunk, 0, chunkLen);
            } catch (CorruptChunkException e) {
                throw new WimFormatException(start, "chunk " + chunkIndex + " of " + size
                        + " bytes does not decompress to " + chunkLen + " bytes: " + e.getMessage());
            }
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (remaining == 0) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        if (chunkLen < 0 || pos >= chunkLen) {
            int skip = chunkLen < 0 ? pos : 0;
            nextChunk();
            pos = skip;
        }
        int n = (int) Math.min(Math.min(len, chunkLen - pos), remaining);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        remaining -= n;
        return n;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }
}
