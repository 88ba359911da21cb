package org.jwim.wim.write;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import org.jwim.wim.CompressionType;
import org.jwim.wim.SourceChangedException;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.blob.StreamSource;
import org.jwim.wim.compress.ChunkCompressor;
import org.jwim.wim.format.ResourceHeader;
import org.jwim.wim.internal.LE;

/**
 * Writes one resource at a time at the end of the output, compressing it in chunks (chunk
 * table first, then chunks; chunks that do not shrink stored raw; a resource that does not
 * shrink rewritten uncompressed) and hashing it as it goes. Not thread-safe.
 */
public final class ResourceWriter {
    private final FileChannel out;
    private final CompressionType type;
    private final int chunkSize;
    private final ChunkCompressor compressor;
    private final byte[] in;
    private final byte[] packed;
    private long position;

    /** The written resource, the SHA-1 of its data and its size. */
    public record Written(ResourceHeader resource, Sha1 hash) {
    }

    public ResourceWriter(FileChannel out, long position, CompressionType type, int chunkSize,
            ChunkCompressor compressor) {
        this.out = out;
        this.position = position;
        this.type = type;
        this.chunkSize = type == CompressionType.NONE ? 1 << 20 : chunkSize;
        this.compressor = compressor;
        this.in = new byte[this.chunkSize];
        this.packed = new byte[this.chunkSize];
    }

    /** File offset where the next resource goes. */
    public long position() {
        return position;
    }

    /** Forgets everything written from {@code newPosition} on (a duplicate blob). */
    public void rewind(long newPosition) throws IOException {
        position = newPosition;
        out.truncate(newPosition);
    }

    /**
     * Writes the {@code size} bytes {@code source} opens; fails with
     * {@link SourceChangedException} if it delivers more or fewer bytes.
     *
     * @param flags extra resource flags (FLAG_METADATA)
     * @param what  names the blob in messages
     */
    public Written write(StreamSource.Opener source, long size, int flags, String what)
            throws IOException {
        long start = position;
        if (type == CompressionType.NONE || size == 0) {
            return writeRaw(source, size, flags, what);
        }
        Written w;
        try (InputStream src = source.open()) {
            w = writeCompressed(src, size, flags, what);
        }
        if (w == null) {
            // Compressed chunks did not pay for the chunk table: store uncompressed.
            rewind(start);
            return writeRaw(source, size, flags, what);
        }
        return w;
    }

    private Written writeCompressed(InputStream src, long size, int flags, String what)
            throws IOException {
        MessageDigest md = Sha1.newDigest();
        long start = position;
        long chunks = (size + chunkSize - 1) / chunkSize;
        int width = size > 0xFFFF_FFFFL ? 8 : 4;
        long tableSize = (chunks - 1) * width;
        byte[] table = new byte[Math.toIntExact(tableSize)];
        long dataStart = start + tableSize;
        long p = dataStart;
        boolean allRaw = true;
        for (long i = 0; i < chunks; i++) {
            int len = (int) Math.min(chunkSize, size - i * chunkSize);
            readChunk(src, len, size, what);
            md.update(in, 0, len);
            if (i > 0) {
                long rel = p - dataStart;
                if (width == 4) {
                    LE.put32(table, (int) (i - 1) * 4, rel);
                } else {
                    LE.put64(table, (int) (i - 1) * 8, rel);
                }
            }
            int n = len < 2 ? 0 : compressor.compress(in, 0, len, packed, 0, len - 1);
            if (n > 0) {
                writeAt(packed, n, p);
                p += n;
                allRaw = false;
            } else {
                writeAt(in, len, p);
                p += len;
            }
        }
        expectEnd(src, size, what);
        Sha1 hash = Sha1.of(md.digest());
        if (p - start < size) {
            writeAt(table, table.length, start);
            position = p;
            return new Written(new ResourceHeader(p - start, flags | ResourceHeader.FLAG_COMPRESSED,
                    start, size), hash);
        }
        if (!allRaw) {
            return null;
        }
        // Every chunk is raw, so the chunk area already holds the data: drop the table.
        shift(dataStart, start, size);
        position = start + size;
        out.truncate(position);
        return new Written(new ResourceHeader(size, flags, start, size), hash);
    }

    /** Writes the source uncompressed. */
    public Written writeRaw(StreamSource.Opener source, long size, int flags, String what)
            throws IOException {
        MessageDigest md = Sha1.newDigest();
        long start = position;
        try (InputStream src = source.open()) {
            copyRaw(src, size, md, what);
            expectEnd(src, size, what);
        }
        return new Written(new ResourceHeader(size, flags, start, size), Sha1.of(md.digest()));
    }

    private void copyRaw(InputStream src, long size, MessageDigest md, String what) throws IOException {
        long done = 0;
        while (done < size) {
            int len = (int) Math.min(in.length, size - done);
            readChunk(src, len, size, what);
            md.update(in, 0, len);
            writeAt(in, len, position);
            position += len;
            done += len;
        }
    }

    private void readChunk(InputStream src, int len, long size, String what) throws IOException {
        int n = src.readNBytes(in, 0, len);
        if (n != len) {
            throw new SourceChangedException(what + " is shorter than the " + size
                    + " bytes seen when it was scanned; was it modified during capture?");
        }
    }

    private static void expectEnd(InputStream src, long size, String what) throws IOException {
        if (src.read() >= 0) {
            throw new SourceChangedException(what + " is longer than the " + size
                    + " bytes seen when it was scanned; was it modified during capture?");
        }
    }

    private void writeAt(byte[] b, int len, long at) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, 0, len);
        while (buf.hasRemaining()) {
            out.write(buf, at + buf.position());
        }
    }

    /** Moves {@code len} bytes from {@code from} down to {@code to} (to < from). */
    private void shift(long from, long to, long len) throws IOException {
        long done = 0;
        while (done < len) {
            int n = (int) Math.min(in.length, len - done);
            ByteBuffer buf = ByteBuffer.wrap(in, 0, n);
            while (buf.hasRemaining()) {
                if (out.read(buf, from + done + buf.position()) < 0) {
                    throw new IOException("output ended while moving resource data");
                }
            }
            writeAt(in, n, to + done);
            done += n;
        }
    }

    /** Writes bytes at the current position (tables, XML); returns their resource header. */
    public ResourceHeader writeBytes(byte[] data, int flags) throws IOException {
        long start = position;
        writeAt(data, data.length, start);
        position += data.length;
        return new ResourceHeader(data.length, flags, start, data.length);
    }
}
