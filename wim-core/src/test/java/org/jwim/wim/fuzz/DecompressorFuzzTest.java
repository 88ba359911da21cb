package org.jwim.wim.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jwim.wim.CompressionType;
import org.jwim.wim.UnsupportedWimException;
import org.jwim.wim.compress.ChunkCompressor;
import org.jwim.wim.compress.ChunkDecompressor;
import org.jwim.wim.compress.Codecs;
import org.jwim.wim.compress.CorruptChunkException;
import org.jwim.wim.compress.WimChunkExtractor;

/**
 * Fuzz targets for every chunk decoder: arbitrary input must either decode to exactly the
 * requested length or fail with {@link CorruptChunkException}; bytes around the output window
 * are never touched; and a chunk jwim's compressor made decodes to its input.
 *
 * <p>Input layout ({@link #input} builds one; {@link DecoderSeedsTest} writes the committed seeds
 * under {@code DecompressorFuzzTestInputs/<target>/}): byte 0 a mode, bytes 1-3 a number N
 * (u24 LE), then a body.
 * <ul>
 * <li>Even mode: the body is a compressed chunk, decoded to {@code N % chunkSize + 1} bytes.
 * <li>Odd mode: the body (up to a chunk) is plain data; jwim's compressor packs it and the
 * packed chunk must decode back to it (round trip). For LZMS, which jwim does not compress, the
 * packed chunk is instead real chunk {@code N} (modulo their count) of
 * {@code compress/lzms/lzms-seed.wim}, written by wimlib. With mode 3 or more the packed chunk
 * is then decoded once more with {@code mode >>> 1} xored into its byte at {@code N}
 * (modulo its length), so the fuzzer starts from valid streams and damages them.
 * </ul>
 */
class DecompressorFuzzTest {
    private static final int GUARD = 64;
    private static final List<WimChunkExtractor.Chunk> LZMS_CHUNKS = lzmsChunks();

    /** The targets: method name, codec and chunk size. */
    enum Target {
        xpress(CompressionType.XPRESS, 65536),
        lzx(CompressionType.LZX, 32768),
        lzms(CompressionType.LZMS, 131072),
        lz4(CompressionType.LZ4, 65536),
        zstd(CompressionType.ZSTD, 65536);

        final CompressionType type;
        final int chunkSize;

        Target(CompressionType type, int chunkSize) {
            this.type = type;
            this.chunkSize = chunkSize;
        }
    }

    static List<WimChunkExtractor.Chunk> lzmsChunks() {
        try (InputStream s = WimChunkExtractor.class.getResourceAsStream("lzms/lzms-seed.wim")) {
            List<WimChunkExtractor.Chunk> chunks = new ArrayList<>();
            for (WimChunkExtractor.Chunk c : WimChunkExtractor.verify(s.readAllBytes()).chunks()) {
                if (c.type() == CompressionType.LZMS && !c.raw()) {
                    chunks.add(c);
                }
            }
            if (chunks.isEmpty()) {
                throw new IllegalStateException("lzms-seed.wim has no compressed LZMS chunk");
            }
            return chunks;
        } catch (Exception e) {
            throw new IllegalStateException("lzms-seed.wim unreadable", e);
        }
    }

    /** A fuzz input in the layout described above. */
    static byte[] input(int mode, int n, byte[] body) {
        byte[] b = new byte[4 + body.length];
        b[0] = (byte) mode;
        b[1] = (byte) n;
        b[2] = (byte) (n >>> 8);
        b[3] = (byte) (n >>> 16);
        System.arraycopy(body, 0, b, 4, body.length);
        return b;
    }

    private static void run(Target t, byte[] data) throws UnsupportedWimException {
        if (data.length < 4) {
            return;
        }
        int mode = data[0] & 0xFF;
        int n = (data[1] & 0xFF) | (data[2] & 0xFF) << 8 | (data[3] & 0xFF) << 16;
        byte[] body = Arrays.copyOfRange(data, 4, data.length);
        ChunkDecompressor d = Codecs.decompressor(t.type, t.chunkSize);
        if ((mode & 1) == 0) {
            decode(d, body, n % t.chunkSize + 1);
            return;
        }
        byte[] packed;
        int outLen;
        if (t.type == CompressionType.LZMS) {
            WimChunkExtractor.Chunk c = LZMS_CHUNKS.get(n % LZMS_CHUNKS.size());
            packed = c.data().clone();
            outLen = c.usize();
            decode(d, packed, outLen);
        } else {
            byte[] plain = Arrays.copyOf(body, Math.min(body.length, t.chunkSize));
            outLen = plain.length;
            if (outLen == 0) {
                return;
            }
            ChunkCompressor c = Codecs.compressor(t.type, t.chunkSize);
            byte[] buf = new byte[outLen + 64];
            int size = c.compress(plain, 0, outLen, buf, 0, outLen - 1);
            if (size == 0) {
                return; // incompressible: a WIM stores the chunk raw
            }
            packed = Arrays.copyOf(buf, size);
            byte[] back = new byte[outLen];
            try {
                d.decompress(packed, 0, size, back, 0, outLen);
            } catch (CorruptChunkException e) {
                fail("a chunk jwim's " + t.type + " compressor made does not decode: " + e.getMessage(), e);
            }
            assertArrayEquals(plain, back, "decode(encode(x)) != x");
        }
        if (mode >= 3) {
            packed[n % packed.length] ^= (byte) (mode >>> 1);
            decode(d, packed, outLen);
        }
    }

    /** Decodes into a window between guard bytes; only CorruptChunkException may escape. */
    private static void decode(ChunkDecompressor d, byte[] payload, int outLen) {
        byte[] out = new byte[outLen + 2 * GUARD];
        Arrays.fill(out, (byte) 0x5A);
        try {
            d.decompress(payload, 0, payload.length, out, GUARD, outLen);
        } catch (CorruptChunkException expected) {
            // the one documented failure
        }
        for (int i = 0; i < GUARD; i++) {
            assertEquals(0x5A, out[i] & 0xFF, "byte before the output window was written");
            assertEquals(0x5A, out[GUARD + outLen + i] & 0xFF, "byte after the output window was written");
        }
    }

    @FuzzTest(maxDuration = "30s")
    void xpress(byte[] data) throws Exception {
        run(Target.xpress, data);
    }

    @FuzzTest(maxDuration = "30s")
    void lzx(byte[] data) throws Exception {
        run(Target.lzx, data);
    }

    @FuzzTest(maxDuration = "30s")
    void lzms(byte[] data) throws Exception {
        run(Target.lzms, data);
    }

    @FuzzTest(maxDuration = "30s")
    void lz4(byte[] data) throws Exception {
        run(Target.lz4, data);
    }

    @FuzzTest(maxDuration = "30s")
    void zstd(byte[] data) throws Exception {
        run(Target.zstd, data);
    }
}
