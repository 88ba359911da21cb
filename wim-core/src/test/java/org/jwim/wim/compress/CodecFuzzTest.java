package org.jwim.wim.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.jwim.wim.CompressionType;
import org.jwim.wim.compress.lzms.LzmsDecompressor;
import org.jwim.wim.compress.xpress.XpressDecompressor;

/**
 * Seeded mutation fuzzing of the decoders: valid chunks get bit flips, truncation, random
 * overwrites and extensions, and wrong output sizes. Only {@link CorruptChunkException} may come
 * out; a successful decode must not touch bytes outside its output range and must not depend on
 * what the output buffer held before (decoded once over a sentinel pattern, once into a fresh
 * buffer with a fresh decoder). LZMS seeds come from {@code lzms/lzms-seed.wim}, made by
 * {@code scripts/make-lzms-seed-wim.sh}; XPRESS, LZ4 and Zstd seeds from jwim's own compressors
 * (each checked to decode back to its input first).
 */
class CodecFuzzTest {
    private static final int GUARD = 64;

    record Seed(byte[] data, int usize) {
    }

    /** Chunks jwim's own compressor makes of varied data; each must decode back to its input. */
    private static List<Seed> compressorSeeds(CompressionType type) throws Exception {
        List<Seed> seeds = new ArrayList<>();
        ChunkCompressor enc = Codecs.compressor(type, 65536);
        ChunkDecompressor dec = Codecs.decompressor(type, 65536);
        byte[][] inputs = {TestData.text(1, 65536), TestData.x86(2, 65536), TestData.mixed(3, 65536),
            TestData.samples(4, 65536), new byte[65536]};
        for (int size : new int[] {100, 4096, 32768, 65536}) {
            for (byte[] in : inputs) {
                byte[] out = new byte[size + 1024];
                int c = enc.compress(in, 0, size, out, 0, out.length);
                assertTrue(c > 0, type + " did not compress " + size + " bytes");
                byte[] back = new byte[size];
                dec.decompress(out, 0, c, back, 0, size);
                assertArrayEquals(Arrays.copyOf(in, size), back, type + ": decode(encode(x)) != x");
                seeds.add(new Seed(Arrays.copyOf(out, c), size));
            }
        }
        return seeds;
    }

    private static List<Seed> lzmsSeeds() throws Exception {
        byte[] wim;
        try (InputStream s = CodecFuzzTest.class.getResourceAsStream("lzms/lzms-seed.wim")) {
            wim = s.readAllBytes();
        }
        // the fixture itself must decode with matching SHA-1s (no wimlib needed)
        WimChunkExtractor.Result r = WimChunkExtractor.verify(wim);
        List<Seed> seeds = new ArrayList<>();
        for (WimChunkExtractor.Chunk c : r.chunks()) {
            if (c.type() == CompressionType.LZMS && !c.raw()) {
                seeds.add(new Seed(c.data(), c.usize()));
            }
        }
        assertTrue(seeds.size() >= 5, "LZMS seed chunks: " + seeds.size());
        return seeds;
    }

    @Test
    void xpressSurvivesMutations() throws Exception {
        fuzz(compressorSeeds(CompressionType.XPRESS), XpressDecompressor::new, 4000, 0x5EED1);
    }

    @Test
    void lz4SurvivesMutations() throws Exception {
        fuzz(compressorSeeds(CompressionType.LZ4), () -> decoder(CompressionType.LZ4), 3000, 0x5EED3);
    }

    @Test
    void zstdSurvivesMutations() throws Exception {
        fuzz(compressorSeeds(CompressionType.ZSTD), () -> decoder(CompressionType.ZSTD), 3000, 0x5EED4);
    }

    private static ChunkDecompressor decoder(CompressionType type) {
        try {
            return Codecs.decompressor(type, 65536);
        } catch (org.jwim.wim.UnsupportedWimException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void lzmsSurvivesMutations() throws Exception {
        fuzz(lzmsSeeds(), LzmsDecompressor::new, 2500, 0x5EED2);
    }

    private static void fuzz(List<Seed> seeds, Supplier<ChunkDecompressor> factory, int iterations,
                             long seed) {
        Random r = new Random(seed);
        ChunkDecompressor reused = factory.get();
        int ok = 0;
        int corrupt = 0;
        for (int it = 0; it < iterations; it++) {
            Seed s = seeds.get(r.nextInt(seeds.size()));
            byte[] in = mutate(s.data(), r);
            int outLen = s.usize();
            if (r.nextInt(10) == 0) {
                outLen = Math.max(1, outLen + r.nextInt(65) - 32);
            }
            int inOff = r.nextInt(8);
            byte[] framed = new byte[inOff + in.length + 8];
            Arrays.fill(framed, (byte) 0xEE);
            System.arraycopy(in, 0, framed, inOff, in.length);
            byte[] out = new byte[GUARD + outLen + GUARD];
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) (0xA5 ^ i * 31);
            }
            try {
                reused.decompress(framed, inOff, in.length, out, GUARD, outLen);
            } catch (CorruptChunkException e) {
                corrupt++;
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("iteration " + it + ": " + e, e);
            }
            for (int i = 0; i < GUARD; i++) {
                assertEquals((byte) (0xA5 ^ i * 31), out[i], "guard before output, iteration " + it);
                int j = GUARD + outLen + i;
                assertEquals((byte) (0xA5 ^ j * 31), out[j], "guard after output, iteration " + it);
            }
            byte[] fresh = new byte[outLen];
            try {
                factory.get().decompress(framed, inOff, in.length, fresh, 0, outLen);
            } catch (CorruptChunkException e) {
                fail("fresh decoder rejects what the reused one accepted, iteration " + it);
            }
            assertArrayEquals(fresh, Arrays.copyOfRange(out, GUARD, GUARD + outLen),
                    "output depends on buffer contents or history, iteration " + it);
            ok++;
        }
        assertTrue(corrupt > iterations / 10, "too few rejections: " + corrupt);
        assertTrue(ok > 0 || iterations < 100, "no mutation decoded at all");
    }

    private static byte[] mutate(byte[] src, Random r) {
        byte[] b = src.clone();
        switch (r.nextInt(6)) {
            case 0: { // a few bit flips
                int n = 1 + r.nextInt(8);
                for (int i = 0; i < n; i++) {
                    int p = r.nextInt(b.length);
                    b[p] ^= (byte) (1 << r.nextInt(8));
                }
                return b;
            }
            case 1: // truncation
                return Arrays.copyOf(b, r.nextInt(b.length));
            case 2: { // random bytes over a range
                int p = r.nextInt(b.length);
                int n = Math.min(b.length - p, 1 + r.nextInt(64));
                for (int i = 0; i < n; i++) {
                    b[p + i] = (byte) r.nextInt();
                }
                return b;
            }
            case 3: { // extension with garbage
                byte[] e = Arrays.copyOf(b, b.length + 1 + r.nextInt(32));
                for (int i = b.length; i < e.length; i++) {
                    e[i] = (byte) r.nextInt();
                }
                return e;
            }
            case 4: { // the code-length table / first words only
                int p = r.nextInt(Math.min(b.length, 260));
                b[p] = (byte) r.nextInt();
                return b;
            }
            default: { // entirely random of similar size
                byte[] e = new byte[1 + r.nextInt(b.length + 16)];
                r.nextBytes(e);
                return e;
            }
        }
    }
}
