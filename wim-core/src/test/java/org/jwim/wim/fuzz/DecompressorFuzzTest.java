package org.jwim.wim.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
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
 * are never touched. Half the inputs are real compressed chunks of fuzzer-chosen data (for LZMS,
 * which jwim does not compress, chunks of {@code compress/lzms/lzms-seed.wim} written by wimlib)
 * with a few flipped bytes, so the fuzzer starts from valid streams.
 */
class DecompressorFuzzTest {
    private static final int GUARD = 64;
    private static final List<WimChunkExtractor.Chunk> LZMS_CHUNKS = lzmsChunks();

    private static List<WimChunkExtractor.Chunk> lzmsChunks() {
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

    private static void decode(CompressionType type, int chunkSize, FuzzedDataProvider in)
            throws UnsupportedWimException {
        int outLen = in.consumeInt(1, chunkSize);
        byte[] payload;
        if (type == CompressionType.LZMS && in.consumeBoolean()) {
            // no LZMS compressor: start from real chunks that wimlib wrote (CodecFuzzTest's seed WIM)
            WimChunkExtractor.Chunk c = LZMS_CHUNKS.get(in.consumeInt(0, LZMS_CHUNKS.size() - 1));
            outLen = in.consumeBoolean() ? c.usize() : Math.min(outLen, c.usize());
            payload = mutate(c.data().clone(), in);
        } else if (in.consumeBoolean() && type != CompressionType.LZMS) {
            byte[] plain = in.consumeBytes(outLen);
            outLen = Math.max(1, plain.length);
            plain = Arrays.copyOf(plain, outLen);
            ChunkCompressor c = Codecs.compressor(type, chunkSize);
            byte[] packed = new byte[outLen + 64];
            int n = c.compress(plain, 0, outLen, packed, 0, outLen - 1);
            payload = n == 0 ? in.consumeRemainingAsBytes() : mutate(Arrays.copyOf(packed, n), in);
        } else {
            payload = in.consumeRemainingAsBytes();
        }
        ChunkDecompressor d = Codecs.decompressor(type, chunkSize);
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

    private static byte[] mutate(byte[] packed, FuzzedDataProvider in) {
        int flips = in.consumeInt(0, 4);
        for (int i = 0; i < flips && packed.length > 0; i++) {
            packed[in.consumeInt(0, packed.length - 1)] ^= (byte) in.consumeInt(1, 255);
        }
        return packed;
    }

    @FuzzTest(maxDuration = "30s")
    void xpress(FuzzedDataProvider in) throws Exception {
        decode(CompressionType.XPRESS, 65536, in);
    }

    @FuzzTest(maxDuration = "30s")
    void lzx(FuzzedDataProvider in) throws Exception {
        decode(CompressionType.LZX, 32768, in);
    }

    @FuzzTest(maxDuration = "30s")
    void lzms(FuzzedDataProvider in) throws Exception {
        decode(CompressionType.LZMS, 131072, in);
    }

    @FuzzTest(maxDuration = "30s")
    void lz4(FuzzedDataProvider in) throws Exception {
        decode(CompressionType.LZ4, 65536, in);
    }

    @FuzzTest(maxDuration = "30s")
    void zstd(FuzzedDataProvider in) throws Exception {
        decode(CompressionType.ZSTD, 65536, in);
    }
}
