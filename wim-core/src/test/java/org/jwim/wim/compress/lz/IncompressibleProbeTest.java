package org.jwim.wim.compress.lz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.jwim.wim.compress.TestData;

class IncompressibleProbeTest {
    private final IncompressibleProbe probe = new IncompressibleProbe();

    @Test
    void randomChunksAreIncompressible() {
        byte[] r = TestData.random(1, 1 << 20);
        for (int off = 0; off < r.length; off += 32768) {
            assertTrue(probe.test(r, off, 32768), "chunk at " + off);
        }
        assertTrue(probe.test(r, 5, 16384));
    }

    @Test
    void structuredDataIsNot() {
        byte[][] inputs = {TestData.text(2, 32768), TestData.x86(3, 32768), new byte[32768],
            TestData.samples(4, 32768), TestData.mixed(5, 32768)};
        for (byte[] in : inputs) {
            assertFalse(probe.test(in, 0, in.length));
        }
        assertFalse(probe.test(TestData.random(6, 16383), 0, 16383), "too short to judge");
    }

    @Test
    void aFewRepeatsInNoiseAreCaught() {
        // Byte entropy stays at ~8 bits, but 2 KiB repeated in a 32 KiB chunk is worth a match.
        byte[] b = TestData.random(7, 32768);
        System.arraycopy(b, 1000, b, 20000, 2048);
        assertFalse(probe.test(b, 0, b.length));
    }

    @Test
    void skewedNoiseIsLeftToTheCoder() {
        // Random bytes from 200 values: no repeats, but Huffman coding alone gains ~4%.
        Random r = new Random(8);
        byte[] b = new byte[32768];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) r.nextInt(200);
        }
        assertFalse(probe.test(b, 0, b.length));
    }

    @Test
    void neverClaimsAChunkThatDeflateShrinks() {
        // Noise with a growing share of text: wherever the probe says "incompressible", an
        // independent LZ77 + Huffman coder (the JDK's Deflater, at its best) must fail too.
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] out = new byte[40000];
        int claimed = 0;
        for (int textBytes = 0; textBytes <= 4096; textBytes += 64) {
            byte[] b = TestData.random(9 + textBytes, 32768);
            System.arraycopy(TestData.text(textBytes, textBytes), 0, b, 9000, textBytes);
            if (probe.test(b, 0, b.length)) {
                claimed++;
                d.reset();
                d.setInput(b);
                d.finish();
                int size = d.deflate(out);
                assertTrue(d.finished() && size >= b.length,
                        "probe claimed a chunk with " + textBytes + " bytes of text: " + size);
            }
        }
        d.end();
        assertTrue(claimed > 0);
    }
}
