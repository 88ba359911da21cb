package org.jwim.wim.compress;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jwim.wim.CompressionType;

/**
 * Test-only WIM reader that knows just enough of the format (header, 50-byte blob-table entries,
 * non-solid chunk tables, solid resource headers) to pull out every compressed chunk, decode it
 * with jwim's codecs and check each blob's SHA-1 against the blob table.
 */
public final class WimChunkExtractor {
    /** One stored chunk: the bytes as found in the WIM and its uncompressed size. */
    public record Chunk(CompressionType type, int chunkSize, byte[] data, int usize) {
        /** True when the chunk was stored uncompressed (stored size == uncompressed size). */
        public boolean raw() {
            return data.length == usize;
        }
    }

    /** Totals of one extraction. */
    public record Result(int blobs, int compressedChunks, long uncompressedBytes,
                         List<Chunk> chunks) {
    }

    private static final int RESHDR_COMPRESSED = 0x04;
    private static final int RESHDR_SOLID = 0x10;
    private static final long SOLID_MAGIC_SIZE = 0x1_0000_0000L;

    private final ByteBuffer wim;
    private final CompressionType headerType;
    private final int headerChunk;
    private final List<Chunk> chunks = new ArrayList<>();
    private final java.util.Map<CompressionType, ChunkDecompressor> decoders =
            new java.util.EnumMap<>(CompressionType.class);
    private int compressedChunks;

    private WimChunkExtractor(byte[] file) throws Exception {
        wim = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        check(file.length >= 208 && Arrays.equals(Arrays.copyOf(file, 8),
                "MSWIM\0\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), "bad magic");
        headerType = CompressionType.fromHeaderFlags(wim.getInt(0x10));
        headerChunk = wim.getInt(0x14);
    }

    /** Decodes every blob of the WIM and verifies its SHA-1; throws AssertionError on mismatch. */
    public static Result verify(byte[] file) throws Exception {
        WimChunkExtractor x = new WimChunkExtractor(file);
        return x.run();
    }

    private Result run() throws Exception {
        long tableSize = wim.getLong(0x30) & 0x00FF_FFFF_FFFF_FFFFL;
        long tableOff = wim.getLong(0x38);
        check(tableSize % 50 == 0 && tableOff + tableSize <= wim.capacity(), "blob table bounds");
        int n = (int) (tableSize / 50);
        MessageDigest sha = MessageDigest.getInstance("SHA-1");
        long total = 0;
        int blobs = 0;
        int i = 0;
        while (i < n) {
            int e = (int) (tableOff + 50L * i);
            if ((flags(e) & RESHDR_SOLID) != 0) {
                // a run of SOLID entries: decode all resources first, then map the blobs
                int j = i;
                List<byte[]> resources = new ArrayList<>();
                while (j < n && (flags((int) (tableOff + 50L * j)) & RESHDR_SOLID) != 0) {
                    int ej = (int) (tableOff + 50L * j);
                    if (wim.getLong(ej + 16) == SOLID_MAGIC_SIZE) {
                        resources.add(readSolid(wim.getLong(ej + 8), size(ej)));
                    }
                    j++;
                }
                for (int k = i; k < j; k++) {
                    int ek = (int) (tableOff + 50L * k);
                    if (wim.getLong(ek + 16) == SOLID_MAGIC_SIZE) {
                        continue;
                    }
                    long off = wim.getLong(ek + 8);
                    long len = size(ek);
                    int r = 0;
                    while (r < resources.size() && off >= resources.get(r).length) {
                        off -= resources.get(r).length;
                        r++;
                    }
                    check(r < resources.size() && off + len <= resources.get(r).length,
                            "solid blob outside its resources");
                    byte[] data = Arrays.copyOfRange(resources.get(r), (int) off, (int) (off + len));
                    checkHash(sha, data, ek);
                    total += len;
                    blobs++;
                }
                i = j;
                continue;
            }
            long usize = wim.getLong(e + 16);
            byte[] data;
            if ((flags(e) & RESHDR_COMPRESSED) != 0) {
                data = readChunked(wim.getLong(e + 8), size(e), usize);
            } else {
                check(usize == size(e), "uncompressed resource size mismatch");
                data = slice(wim.getLong(e + 8), (int) usize);
            }
            checkHash(sha, data, e);
            total += usize;
            blobs++;
            i++;
        }
        return new Result(blobs, compressedChunks, total, chunks);
    }

    /**
     * Returns a copy of a non-solid WIM in which every compressed file resource (not metadata)
     * is re-encoded with {@code enc}, appended at the end of the file, and its blob-table entry
     * pointed at the new copy. wimlib reading the result proves it decodes {@code enc}'s chunks.
     *
     * @return the new file, and in {@code counts[0]} the number of chunks {@code enc} compressed
     */
    public static byte[] reencode(byte[] file, ChunkCompressor enc, int[] counts) throws Exception {
        WimChunkExtractor x = new WimChunkExtractor(file);
        java.io.ByteArrayOutputStream tail = new java.io.ByteArrayOutputStream();
        byte[] copy = file.clone();
        ByteBuffer patched = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        long tableSize = x.wim.getLong(0x30) & 0x00FF_FFFF_FFFF_FFFFL;
        long tableOff = x.wim.getLong(0x38);
        int c = x.headerChunk;
        byte[] out = new byte[c];
        for (int i = 0; i < tableSize / 50; i++) {
            int e = (int) (tableOff + 50L * i);
            int flags = x.flags(e);
            if ((flags & RESHDR_COMPRESSED) == 0 || (flags & (RESHDR_SOLID | 0x02)) != 0) {
                continue;
            }
            long usize = x.wim.getLong(e + 16);
            byte[] data = x.readChunked(x.wim.getLong(e + 8), x.size(e), usize);
            int n = (int) ((usize + c - 1) / c);
            java.io.ByteArrayOutputStream chunkData = new java.io.ByteArrayOutputStream();
            ByteBuffer table = ByteBuffer.allocate(4 * (n - 1)).order(ByteOrder.LITTLE_ENDIAN);
            for (int k = 0; k < n; k++) {
                if (k > 0) {
                    table.putInt(chunkData.size());
                }
                int len = (int) Math.min(c, usize - (long) k * c);
                int size = enc.compress(data, k * c, len, out, 0, len - 1);
                if (size == 0) {
                    chunkData.write(data, k * c, len);
                } else {
                    chunkData.write(out, 0, size);
                    counts[0]++;
                }
            }
            long newOff = file.length + tail.size();
            long stored = table.capacity() + chunkData.size();
            tail.write(table.array());
            chunkData.writeTo(tail);
            patched.putLong(e, stored | ((long) flags << 56));
            patched.putLong(e + 8, newOff);
        }
        byte[] result = Arrays.copyOf(copy, copy.length + tail.size());
        System.arraycopy(tail.toByteArray(), 0, result, copy.length, tail.size());
        return result;
    }

    private int flags(int entry) {
        return wim.get(entry + 7) & 0xFF;
    }

    private long size(int entry) {
        return wim.getLong(entry) & 0x00FF_FFFF_FFFF_FFFFL;
    }

    private void checkHash(MessageDigest sha, byte[] data, int entry) {
        byte[] expected = new byte[20];
        wim.get(entry + 30, expected);
        byte[] actual = sha.digest(data);
        if (!Arrays.equals(expected, actual)) {
            throw new AssertionError("SHA-1 mismatch for blob table entry at " + entry + " ("
                    + data.length + " bytes)");
        }
    }

    private byte[] slice(long off, int len) {
        check(off >= 0 && off + len <= wim.capacity(), "resource outside the file");
        byte[] b = new byte[len];
        wim.get((int) off, b);
        return b;
    }

    /** Non-solid compressed resource: chunk table of N-1 offsets, then the chunks. */
    private byte[] readChunked(long off, long stored, long usize) throws Exception {
        check(usize < (1 << 30), "resource too large for this test reader");
        int c = headerChunk;
        int nChunks = (int) ((usize + c - 1) / c);
        int entry = usize > 0xFFFF_FFFFL ? 8 : 4;
        long tableLen = (long) (nChunks - 1) * entry;
        long dataStart = off + tableLen;
        byte[] out = new byte[(int) usize];
        for (int k = 0; k < nChunks; k++) {
            long start = k == 0 ? 0 : entry(off, k - 1, entry);
            long end = k == nChunks - 1 ? stored - tableLen : entry(off, k, entry);
            int ulen = (int) Math.min(c, usize - (long) k * c);
            byte[] data = slice(dataStart + start, (int) (end - start));
            decode(new Chunk(headerType, c, data, ulen), out, k * c);
        }
        return out;
    }

    private long entry(long tableOff, int i, int width) {
        int p = (int) (tableOff + (long) i * width);
        return width == 8 ? wim.getLong(p) : wim.getInt(p) & 0xFFFF_FFFFL;
    }

    /** Solid resource: {u64 usize, u32 chunk size, u32 format, u32 sizes[N]} then chunks. */
    private byte[] readSolid(long off, long stored) throws Exception {
        long usize = wim.getLong((int) off);
        int c = wim.getInt((int) off + 8);
        int format = wim.getInt((int) off + 12);
        check(usize < (1 << 30) && c > 0, "solid resource too large for this test reader");
        CompressionType type = Arrays.stream(CompressionType.values())
                .filter(t -> t.solidFormat() == format).findFirst().orElseThrow();
        int nChunks = (int) ((usize + c - 1) / c);
        long pos = off + 16 + 4L * nChunks;
        byte[] out = new byte[(int) usize];
        for (int k = 0; k < nChunks; k++) {
            int csize = wim.getInt((int) off + 16 + 4 * k);
            int ulen = (int) Math.min(c, usize - (long) k * c);
            decode(new Chunk(type, c, slice(pos, csize), ulen), out, (int) ((long) k * c));
            pos += csize;
        }
        check(pos == off + stored, "solid resource size mismatch");
        return out;
    }

    private void decode(Chunk chunk, byte[] out, int outOff) throws Exception {
        chunks.add(chunk);
        if (chunk.raw()) {
            System.arraycopy(chunk.data(), 0, out, outOff, chunk.usize());
            return;
        }
        ChunkDecompressor d = decoders.get(chunk.type());
        if (d == null) {
            d = Codecs.decompressor(chunk.type(), chunk.chunkSize());
            decoders.put(chunk.type(), d);
        }
        d.decompress(chunk.data(), 0, chunk.data().length, out, outOff, chunk.usize());
        compressedChunks++;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("test WIM reader: " + what);
        }
    }
}
