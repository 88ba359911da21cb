package org.jwim.wim.compress.xpress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.jwim.wim.compress.CorruptChunkException;
import org.jwim.wim.compress.TestData;

class XpressRoundTripTest {
    private final XpressCompressor enc = new XpressCompressor();
    private final XpressDecompressor dec = new XpressDecompressor();

    /** Compresses in chunks of {@code chunk} bytes and checks each chunk decodes back. */
    private long roundTrip(byte[] data, int chunk) throws CorruptChunkException {
        byte[] out = new byte[chunk + 300];
        byte[] back = new byte[chunk];
        long total = 0;
        for (int off = 0; off < data.length; off += chunk) {
            int len = Math.min(chunk, data.length - off);
            int maxOut = len - 1;
            int c = enc.compress(data, off, len, out, 7, maxOut);
            assertTrue(c >= 0 && c <= Math.max(0, maxOut), "size " + c + " for " + len);
            if (c == 0) {
                total += len;
                continue;
            }
            Arrays.fill(back, (byte) 0x5A);
            dec.decompress(out, 7, c, back, 0, len);
            assertArrayEquals(Arrays.copyOfRange(data, off, off + len), Arrays.copyOf(back, len),
                    "chunk at " + off + " of " + chunk);
            byte[] spec = SpecXpressDecoder.decode(out, 7, c, len);
            assertArrayEquals(Arrays.copyOfRange(data, off, off + len), spec,
                    "spec decoder disagrees on chunk at " + off);
            total += c;
        }
        return total;
    }

    @Test
    void variedDataAllChunkSizes() throws Exception {
        byte[][] inputs = {TestData.text(1, 200_000), TestData.x86(2, 200_000),
            new byte[150_000], TestData.samples(3, 100_000), TestData.mixed(4, 300_000)};
        for (int chunk = 4096; chunk <= 65536; chunk <<= 1) {
            for (byte[] in : inputs) {
                long size = roundTrip(in, chunk);
                assertTrue(size < in.length, "no gain at chunk " + chunk);
            }
        }
    }

    @Test
    void compressionIsWorthwhile() throws Exception {
        assertTrue(roundTrip(TestData.text(9, 1 << 20), 32768) < (1 << 20) * 45L / 100);
        assertTrue(roundTrip(new byte[65536], 65536) < 300);
    }

    @Test
    void incompressibleIsRejectedOrSmaller() throws Exception {
        for (int chunk = 4096; chunk <= 65536; chunk <<= 1) {
            byte[] r = TestData.random(chunk, chunk);
            byte[] out = new byte[chunk + 1024];
            assertEquals(0, enc.compress(r, 0, chunk, out, 0, chunk - 1));
            // with plenty of room the result is still a valid chunk
            int c = enc.compress(r, 0, chunk, out, 0, out.length);
            assertTrue(c > chunk);
            byte[] back = new byte[chunk];
            dec.decompress(out, 0, c, back, 0, chunk);
            assertArrayEquals(r, back);
        }
    }

    @Test
    void matchesAreFoundAgainAfterIncompressibleData() throws Exception {
        // 24 KiB of noise, then text twice: the chunk is not random-like as a whole, and the
        // text's second copy must become one long match
        byte[] noise = TestData.random(5, 24 << 10);
        byte[] text = TestData.text(6, 4 << 10);
        byte[] chunk = new byte[32 << 10];
        System.arraycopy(noise, 0, chunk, 0, noise.length);
        System.arraycopy(text, 0, chunk, noise.length, text.length);
        System.arraycopy(text, 0, chunk, noise.length + text.length, text.length);
        long size = roundTrip(chunk, chunk.length);
        // noise + one Huffman-coded copy of the text + a few bytes for the repeat
        assertTrue(size < noise.length + text.length * 7 / 10 + 600, "size " + size);
    }

    @Test
    void tinyInputs() throws Exception {
        byte[] out = new byte[1024];
        for (int n = 1; n <= 100; n++) {
            for (byte[] in : new byte[][] {TestData.text(n, n), new byte[n], TestData.random(n, n)}) {
                assertEquals(0, enc.compress(in, 0, n, out, 0, n - 1), "tiny input " + n);
                int c = enc.compress(in, 0, n, out, 0, out.length);
                byte[] back = new byte[n];
                dec.decompress(out, 0, c, back, 0, n);
                assertArrayEquals(in, back);
                assertArrayEquals(in, SpecXpressDecoder.decode(out, 0, c, n));
            }
        }
    }

    @Test
    void longMatchesAndLengthEscapes() throws Exception {
        // runs of lengths around the 18 and 273 escape thresholds, and a 64 KiB run
        byte[] in = new byte[65536];
        int p = 0;
        int[] runs = {17, 18, 19, 272, 273, 274, 285, 1000, 4000};
        java.util.Random r = new java.util.Random(5);
        while (p < 40_000) {
            for (int run : runs) {
                byte v = (byte) r.nextInt();
                for (int i = 0; i < run && p < in.length; i++) {
                    in[p++] = v;
                }
                if (p < in.length) {
                    in[p++] = (byte) r.nextInt();
                }
            }
        }
        roundTrip(in, 65536);
        byte[] same = new byte[65536];
        Arrays.fill(same, (byte) 'x');
        roundTrip(same, 65536);
    }

    @Test
    void lazyParseKeepsANearMatchOverOneByteMoreFarAway() throws Exception {
        // at P a 6-byte match 40 back; at P + 1 a 7-byte match about 20000 back: one byte more
        // does not pay for the literal at P and 9 more offset bits, so the near match is coded
        byte[] in = new byte[32768];
        new java.util.Random(21).nextBytes(in);
        final int at = 30000;
        final int far = 10000;
        final int near = at - 40;
        byte[] s = "QWERTYUI".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, in, at, 8);
        System.arraycopy(s, 1, in, far, 7); // c1..c7
        in[far - 1] = (byte) ~s[0];
        in[far + 7] = (byte) ~in[at + 8];
        System.arraycopy(s, 0, in, near, 6); // c0..c5
        in[near + 6] = (byte) ~s[6];
        byte[] out = new byte[40000];
        int c = enc.compress(in, 0, in.length, out, 0, out.length);
        java.util.List<int[]> matches = new java.util.ArrayList<>();
        assertArrayEquals(in, SpecXpressDecoder.decode(out, 0, c, in.length, matches));
        assertTrue(matches.stream().anyMatch(m -> m[0] == at && m[1] == 6 && m[2] == 40),
                "near match at " + at);
        assertTrue(matches.stream().noneMatch(m -> m[0] == at + 1), "far match at " + (at + 1));
    }

    @Test
    void outputDoesNotDependOnHistory() throws Exception {
        byte[] a = TestData.text(11, 32768);
        byte[] b = TestData.x86(12, 65536);
        byte[] out1 = new byte[70000];
        byte[] out2 = new byte[70000];
        XpressCompressor fresh = new XpressCompressor();
        int c1 = fresh.compress(a, 0, a.length, out1, 0, a.length - 1);
        enc.compress(b, 0, b.length, out2, 0, b.length - 1);
        enc.compress(a, 0, a.length, out2, 0, a.length - 1);
        enc.compress(b, 0, b.length, out2, 0, b.length - 1);
        int c2 = enc.compress(a, 0, a.length, out2, 0, a.length - 1);
        assertEquals(c1, c2);
        assertArrayEquals(Arrays.copyOf(out1, c1), Arrays.copyOf(out2, c2));
        // the same chunk again and again: the match finder keeps earlier chunks in its window
        // and tables, where every string of this one would match; none may be used
        for (int len : new int[] {4096, 5000, 32768}) {
            int f = new XpressCompressor().compress(a, 0, len, out1, 0, len - 1);
            for (int i = 0; i < 20; i++) {
                int r = enc.compress(a, 0, len, out2, 0, len - 1);
                assertEquals(f, r, "size, " + len + "-byte chunk, repeat " + i);
                assertArrayEquals(Arrays.copyOf(out1, f), Arrays.copyOf(out2, r), len + "-byte chunk, repeat " + i);
            }
        }
    }

    @Test
    void writesOnlyInsideMaxOut() throws Exception {
        byte[] in = TestData.text(13, 20000);
        byte[] out = new byte[30000];
        Arrays.fill(out, (byte) 0x77);
        int c = enc.compress(in, 0, in.length, out, 100, 19999);
        for (int i = 0; i < 100; i++) {
            assertEquals((byte) 0x77, out[i]);
        }
        for (int i = 100 + c; i < out.length; i++) {
            assertEquals((byte) 0x77, out[i]);
        }
    }
}
