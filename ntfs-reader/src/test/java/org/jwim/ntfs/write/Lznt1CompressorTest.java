package org.jwim.ntfs.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.jwim.ntfs.data.Lznt1;
import org.junit.jupiter.api.Test;

/** LZNT1 chunks made by the writer decode to the input with the reader's decoder. */
class Lznt1CompressorTest {
    private static byte[] roundTrip(byte[] in, int len) throws Exception {
        byte[] out = new byte[Lznt1Compressor.CHUNK + 2];
        int n = new Lznt1Compressor().compressChunk(in, 0, len, out, 0);
        byte[] back = new byte[Lznt1Compressor.CHUNK];
        Lznt1.decompress(out, 0, n, back, 0, back.length);
        assertArrayEquals(Arrays.copyOf(in, len), Arrays.copyOf(back, len));
        return Arrays.copyOf(out, n);
    }

    @Test
    void textRandomZerosAndShortChunksRoundTrip() throws Exception {
        byte[] text = "compressible line of text, again and again\n".repeat(200).getBytes(StandardCharsets.US_ASCII);
        assertTrue(roundTrip(text, 4096).length < 600, "text shrinks");
        byte[] random = new byte[4096];
        new Random(1).nextBytes(random);
        byte[] raw = roundTrip(random, 4096);
        assertEquals(4098, raw.length);
        assertEquals(0x3FFF, (raw[0] & 0xFF) | (raw[1] & 0xFF) << 8, "stored raw");
        assertTrue(roundTrip(new byte[4096], 4096).length < 64, "zeros shrink");
        roundTrip(text, 1000);
        roundTrip(text, 1);
        byte[] mixed = new byte[4096];
        Random r = new Random(2);
        for (int i = 0; i < mixed.length; i++) {
            mixed[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt() : mixed[Math.max(0, i - 1 - r.nextInt(3000))]);
        }
        roundTrip(mixed, 4096);
        roundTrip(mixed, 4095);
    }
}
