package org.jwim.wim.compress.lzx;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jwim.wim.compress.ChunkDecompressor;
import org.jwim.wim.compress.CorruptChunkException;

/**
 * Test-only reader of just enough of a non-solid, non-split WIM (header, blob table, chunk
 * tables; wim-format.md §2, §4.2, §6) to get at every compressed chunk of every blob.
 */
final class WimChunks {
    static final int FLAG_METADATA = 0x02;
    static final int FLAG_COMPRESSED = 0x04;

    /** One blob-table entry. */
    record Blob(long offset, long sizeInWim, long size, int flags, byte[] sha1) {
    }

    /** A chunk of a blob: where its stored bytes are and how long it is uncompressed. */
    record Chunk(int offset, int storedSize, int size) {
        boolean raw() {
            return storedSize == size;
        }
    }

    private WimChunks() {
    }

    static int chunkSize(byte[] wim) {
        return (int) u32(wim, 0x14);
    }

    static List<Blob> blobs(byte[] wim) {
        if (!new String(wim, 0, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("MSWIM")) {
            throw new IllegalArgumentException("not a WIM");
        }
        long tableOff = u64(wim, 0x30 + 8);
        long tableSize = u64(wim, 0x30 + 16);
        List<Blob> out = new ArrayList<>();
        for (long e = tableOff; e + 50 <= tableOff + tableSize; e += 50) {
            int p = (int) e;
            long sizeInWim = u64(wim, p) & 0x00FF_FFFF_FFFF_FFFFL;
            int flags = wim[p + 7] & 0xFF;
            out.add(new Blob(u64(wim, p + 8), sizeInWim, u64(wim, p + 16), flags,
                    Arrays.copyOfRange(wim, p + 0x1E, p + 0x1E + 20)));
        }
        return out;
    }

    /** The chunks of a compressed blob, per the chunk table in front of them. */
    static List<Chunk> chunks(byte[] wim, Blob b, int chunkSize) {
        List<Chunk> out = new ArrayList<>();
        long n = (b.size() + chunkSize - 1) / chunkSize;
        int width = b.size() > 0xFFFF_FFFFL ? 8 : 4;
        long tableBytes = (n - 1) * width;
        long base = b.offset() + tableBytes;
        long[] starts = new long[(int) n + 1];
        for (int i = 1; i < n; i++) {
            int p = (int) (b.offset() + (long) (i - 1) * width);
            starts[i] = width == 4 ? u32(wim, p) : u64(wim, p);
        }
        starts[(int) n] = b.sizeInWim() - tableBytes;
        for (int i = 0; i < n; i++) {
            int size = (int) Math.min(chunkSize, b.size() - (long) i * chunkSize);
            out.add(new Chunk((int) (base + starts[i]), (int) (starts[i + 1] - starts[i]), size));
        }
        return out;
    }

    /** Decodes a whole blob with the given decoder. */
    static byte[] read(byte[] wim, Blob b, int chunkSize, ChunkDecompressor d) throws CorruptChunkException {
        byte[] data = new byte[(int) b.size()];
        if ((b.flags() & FLAG_COMPRESSED) == 0) {
            System.arraycopy(wim, (int) b.offset(), data, 0, data.length);
            return data;
        }
        int pos = 0;
        for (Chunk c : chunks(wim, b, chunkSize)) {
            if (c.raw()) {
                System.arraycopy(wim, c.offset(), data, pos, c.size());
            } else {
                d.decompress(wim, c.offset(), c.storedSize(), data, pos, c.size());
            }
            pos += c.size();
        }
        return data;
    }

    static byte[] sha1(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-1").digest(data);
    }

    private static long u32(byte[] b, int p) {
        return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
    }

    private static long u64(byte[] b, int p) {
        return u32(b, p) | u32(b, p + 4) << 32;
    }
}
