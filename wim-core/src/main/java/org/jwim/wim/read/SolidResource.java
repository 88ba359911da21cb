package org.jwim.wim.read;

import java.io.IOException;
import java.io.InputStream;
import org.jwim.common.LE;
import org.jwim.wim.CompressionType;
import org.jwim.wim.UnsupportedWimException;
import org.jwim.wim.WimFormatException;
import org.jwim.wim.format.ResourceHeader;
import org.jwim.wim.internal.Limits;

/**
 * A solid resource: a 16-byte header (uncompressed size, chunk size, format), a table of
 * stored chunk sizes, then the chunks. Parsed on first use; decoded chunks are cached and
 * shared by the streams of its blobs (see {@link ChunkCache}); thread-safe.
 */
public final class SolidResource {
    private static final int HEADER = 16;

    private final ResourceReader reader;
    private final ResourceHeader res;
    private long usize = -1;
    private int chunkSize;
    private CompressionType type;
    private long[] starts;
    private ChunkCache cache;

    SolidResource(ResourceReader reader, ResourceHeader res) {
        this.reader = reader;
        this.res = res;
    }

    public ResourceHeader resource() {
        return res;
    }

    /** Uncompressed size from the solid header. */
    public synchronized long uncompressedSize() throws IOException {
        load();
        return usize;
    }

    private void load() throws IOException {
        if (usize >= 0) {
            return;
        }
        reader.checkBounds(res, "solid resource");
        if (res.sizeInWim() < HEADER) {
            throw new WimFormatException(res.offset(), "solid resource of " + res.sizeInWim()
                    + " bytes is shorter than its 16-byte header");
        }
        byte[] h = new byte[HEADER];
        reader.readAt(h, res.offset(), "solid resource header");
        long size = LE.u64(h, 0);
        long chunk = LE.u32(h, 8);
        long format = LE.u32(h, 12);
        CompressionType t = switch ((int) format) {
            case 0 -> CompressionType.NONE;
            case 1 -> CompressionType.XPRESS;
            case 2 -> CompressionType.LZX;
            case 3 -> CompressionType.LZMS;
            default -> throw new WimFormatException(res.offset() + 12,
                    "solid resource compression format " + format + " is unknown");
        };
        if (size < 0) {
            throw new WimFormatException(res.offset(), "solid resource size exceeds 2^63");
        }
        if (chunk == 0 || Long.bitCount(chunk) != 1 || (t != CompressionType.NONE && !t.isValidChunkSize(chunk))) {
            throw new WimFormatException(res.offset() + 8, "solid resource chunk size " + chunk
                    + " is not valid for " + t);
        }
        if (chunk > Limits.MAX_SOLID_CHUNK) {
            throw new UnsupportedWimException("solid chunk size " + chunk + " at offset "
                    + res.offset() + " exceeds jwim's limit of " + Limits.MAX_SOLID_CHUNK);
        }
        long chunks = (size + chunk - 1) / chunk;
        if (chunks * 4 > res.sizeInWim() - HEADER) {
            throw new WimFormatException(res.offset(), "solid resource claims " + chunks
                    + " chunks but stores only " + res.sizeInWim() + " bytes");
        }
        byte[] table = new byte[(int) chunks * 4];
        reader.readAt(table, res.offset() + HEADER, "solid chunk table");
        long[] s = new long[(int) chunks + 1];
        long dataSize = res.sizeInWim() - HEADER - table.length;
        for (int i = 0; i < chunks; i++) {
            s[i + 1] = s[i] + LE.u32(table, 4 * i);
            if (s[i + 1] > dataSize) {
                throw new WimFormatException(res.offset() + HEADER + 4L * i, "solid chunk " + i
                        + " runs past the resource's " + dataSize + " data bytes");
            }
        }
        this.chunkSize = (int) chunk;
        this.type = t;
        this.starts = s;
        this.cache = new ChunkCache((int) chunk);
        this.usize = size;
    }

    /** Opens {@code length} uncompressed bytes starting at {@code offset} in this resource. */
    public InputStream open(long offset, long length) throws IOException {
        long total;
        ChunkCache shared;
        synchronized (this) {
            load();
            total = usize;
            shared = cache;
        }
        if (offset < 0 || length < 0 || offset > total - length) {
            throw new WimFormatException(res.offset(), "blob [" + offset + ", +" + length
                    + ") lies outside the solid resource of " + total + " bytes");
        }
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        long dataStart = res.offset() + HEADER + (starts.length - 1) * 4L;
        int first = (int) (offset / chunkSize);
        int skip = (int) (offset % chunkSize);
        if (type == CompressionType.NONE) {
            return new ResourceReader.RangeInputStream(reader.channel(), dataStart + offset, length);
        }
        return new ChunkedInputStream(reader, shared, type, chunkSize, total, dataStart, starts, first, skip, length);
    }
}
