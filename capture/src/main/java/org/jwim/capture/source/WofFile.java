package org.jwim.capture.source;

import java.io.IOException;
import java.io.InputStream;
import org.jwim.capture.CaptureException;
import org.jwim.ntfs.NtfsFile;
import org.jwim.ntfs.NtfsStream;
import org.jwim.wim.CompressionType;
import org.jwim.wim.compress.ChunkDecompressor;
import org.jwim.wim.compress.Codecs;
import org.jwim.wim.compress.CorruptChunkException;

/**
 * A file Windows compressed with WOF's file provider (CompactOS, {@code compact /EXE}): reparse
 * tag 0x80000017 with WOF_EXTERNAL_INFO (version 1, provider 2) and FILE_PROVIDER_EXTERNAL_INFO
 * (version 1, algorithm), the unnamed stream sparse at the original size, the data in the
 * {@code WofCompressedData} stream: a table of chunk end offsets (n - 1 entries of 4 bytes, 8
 * when the file is 4 GiB or more) then the chunks, each XPRESS (Huffman) or LZX-compressed, or
 * stored raw when compressing did not make it smaller.
 */
final class WofFile {
    static final int TAG = 0x80000017;
    static final String STREAM = "WofCompressedData";
    private static final int[] CHUNK = {4096, 32768, 8192, 16384};   // by algorithm 0..3
    private static final CompressionType[] TYPE = {CompressionType.XPRESS, CompressionType.LZX,
        CompressionType.XPRESS, CompressionType.XPRESS};

    private final long size;
    private final int algorithm;
    private final NtfsStream compressed;

    private WofFile(long size, int algorithm, NtfsStream compressed) {
        this.size = size;
        this.algorithm = algorithm;
        this.compressed = compressed;
    }

    /** The WOF view of {@code f}, or null when it is not a WOF file-provider file jwim can decode. */
    static WofFile of(NtfsFile f) {
        byte[] rp = f.reparseData();
        if (f.reparseTag() != TAG || rp == null || rp.length < 16 || u32(rp, 0) != 1 || u32(rp, 4) != 2
                || u32(rp, 8) != 1 || u32(rp, 12) < 0 || u32(rp, 12) > 3) {
            return null;
        }
        NtfsStream data = f.stream("");
        NtfsStream wof = f.stream(STREAM);
        return data == null || wof == null ? null : new WofFile(data.size(), u32(rp, 12), wof);
    }

    /** Bytes of the decoded file. */
    long size() {
        return size;
    }

    /** Where the compressed data starts on the volume (a read-order key). */
    long sortKey() {
        return compressed.firstPhysicalOffset();
    }

    /** The decoded file, read sequentially. */
    InputStream open() throws IOException {
        return new Decoder();
    }

    private static int u32(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }

    /** Reads the chunk table, then decodes one chunk at a time. */
    private final class Decoder extends InputStream {
        private final InputStream in;
        private final ChunkDecompressor codec;
        private final int chunkSize = CHUNK[algorithm];
        private final long[] ends;           // end of chunk i, relative to the end of the table
        private final byte[] chunk = new byte[chunkSize];
        private final byte[] packed = new byte[chunkSize];
        private int next;                    // chunk to decode next
        private int pos;
        private int limit;
        private long consumed;               // compressed bytes read after the table

        Decoder() throws IOException {
            in = compressed.open();
            codec = Codecs.decompressor(TYPE[algorithm], chunkSize);
            long count = (size + chunkSize - 1) / chunkSize;
            if (count - 1 > compressed.size() / 4) {
                throw new CaptureException(STREAM + ": " + count + " chunks do not fit " + compressed.size() + " bytes");
            }
            ends = new long[(int) count];
            int entry = size >= (1L << 32) ? 8 : 4;
            byte[] table = in.readNBytes((int) Math.max(0, count - 1) * entry);
            if (table.length != Math.max(0, count - 1) * entry) {
                throw new CaptureException(STREAM + ": chunk table truncated");
            }
            long tableEnd = table.length;
            for (int i = 0; i + 1 < count; i++) {
                ends[i] = entry == 4 ? u32(table, 4 * i) & 0xFFFF_FFFFL
                        : (u32(table, 8 * i) & 0xFFFF_FFFFL) | (long) u32(table, 8 * i + 4) << 32;
            }
            if (count > 0) {
                ends[(int) count - 1] = compressed.size() - tableEnd;
            }
        }

        private boolean fill() throws IOException {
            if (next >= ends.length) {
                return false;
            }
            long start = next == 0 ? 0 : ends[next - 1];
            long stored = ends[next] - start;
            int out = (int) Math.min(chunkSize, size - (long) next * chunkSize);
            if (start != consumed || stored <= 0 || stored > out) {
                throw new CaptureException(STREAM + ": chunk " + next + " of " + stored + " bytes at " + start
                        + " is outside the stream or larger than its " + out + " bytes");
            }
            int n = in.readNBytes(packed, 0, (int) stored);
            if (n != stored) {
                throw new CaptureException(STREAM + ": chunk " + next + " truncated");
            }
            consumed += stored;
            if (stored == out) {
                System.arraycopy(packed, 0, chunk, 0, out);         // stored raw
            } else {
                try {
                    codec.decompress(packed, 0, n, chunk, 0, out);
                } catch (CorruptChunkException e) {
                    throw new CaptureException(STREAM + ": chunk " + next + " is corrupt: " + e.getMessage(), e);
                }
            }
            next++;
            pos = 0;
            limit = out;
            return true;
        }

        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos == limit && !fill()) {
                return -1;
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
