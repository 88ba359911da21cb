package org.jwim.wim.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.jwim.wim.CompressionType;
import org.jwim.wim.UnsupportedWimException;
import org.jwim.wim.compress.ChunkCompressor;
import org.jwim.wim.compress.ChunkDecompressor;
import org.jwim.wim.compress.Codecs;
import org.jwim.wim.compress.CorruptChunkException;

/**
 * Fuzz targets for every chunk decoder: arbitrary input must either decode to exactly the
 * requested length or fail with {@link CorruptChunkException}; bytes around the output window
 * are never touched. Half the inputs are real compressed chunks of fuzzer-chosen data, so the
 * fuzzer starts from valid streams.
 */
class DecompressorFuzzTest {
    private static final int GUARD = 64;

    private static void decode(CompressionType type, int chunkSize, FuzzedDataProvider in)
            throws UnsupportedWimException {
        int outLen = in.consumeInt(1, chunkSize);
        byte[] payload;
        if (in.consumeBoolean() && type != CompressionType.LZMS) {
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
