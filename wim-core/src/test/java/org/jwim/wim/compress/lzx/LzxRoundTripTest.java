package org.jwim.wim.compress.lzx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LzxRoundTripTest {

    /** Compresses data chunk by chunk and checks every chunk decodes back; returns total size. */
    static long roundTrip(byte[] data, int chunkSize) throws Exception {
        LzxCompressor c = new LzxCompressor(chunkSize);
        LzxDecompressor d = new LzxDecompressor(chunkSize);
        byte[] comp = new byte[chunkSize + 100];
        byte[] back = new byte[chunkSize + 20];
        long total = 0;
        for (int off = 0; off < data.length || off == 0 && data.length == 0; off += chunkSize) {
            int n = Math.min(chunkSize, data.length - off);
            if (n == 0) {
                break;
            }
            int size = c.compress(data, off, n, comp, 7, n - 1);
            if (size == 0) {
                total += n;
                continue;
            }
            assertTrue(size > 0 && size < n, "size " + size);
            Arrays.fill(back, (byte) 0x5A);
            d.decompress(comp, 7, size, back, 10, n);
            assertArrayEquals(Arrays.copyOfRange(data, off, off + n), Arrays.copyOfRange(back, 10, 10 + n),
                    "chunk at " + off + " of " + n + " bytes, chunk size " + chunkSize);
            assertEquals(0x5A, back[9]);
            assertEquals(0x5A, back[10 + n]);
            total += size;
        }
        return total;
    }

    @ParameterizedTest
    @ValueSource(ints = {32768, 65536, 1 << 20, 2 << 20})
    void variedData(int chunkSize) throws Exception {
        // Large windows get one partial chunk: still the 24-bit block sizes and >32 offset slots.
        int n = Math.min(Math.max(3 * chunkSize / 2, 100_000), 400_000);
        long t = roundTrip(LzxTestData.text(n, 1), chunkSize);
        assertTrue(t < n / 2, "text compresses: " + t);
        roundTrip(LzxTestData.x86Like(n, 2), chunkSize);
        long z = roundTrip(new byte[n], chunkSize);
        assertTrue(z < n / 100, "zeros compress: " + z);
        roundTrip(LzxTestData.random(n, 3), chunkSize);
        byte[] mixed = LzxTestData.text(n, 4);
        System.arraycopy(LzxTestData.random(n / 3, 5), 0, mixed, n / 3, n / 3);
        roundTrip(mixed, chunkSize);
        byte[] bin = LzxTestData.usrBin(n);
        if (bin != null) {
            long b = roundTrip(bin, chunkSize);
            assertTrue(b < bin.length, "binaries compress");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {32768, 65536, 1 << 20})
    void chunkBoundaries(int chunkSize) throws Exception {
        byte[] text = LzxTestData.text(chunkSize + 1, 9);
        roundTrip(text, chunkSize); // one full chunk, then a 1-byte chunk
        roundTrip(Arrays.copyOf(text, chunkSize), chunkSize);
        for (int n = 1; n <= 100; n += chunkSize == 32768 ? 1 : 7) {
            roundTrip(Arrays.copyOf(text, n), chunkSize);
            roundTrip(Arrays.copyOf(LzxTestData.x86Like(200, n), n), chunkSize);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {32768, 1 << 20})
    void outputDoesNotDependOnEarlierChunks(int chunkSize) {
        byte[] a = LzxTestData.x86Like(30000, 21);
        byte[] fresh = new byte[chunkSize];
        int n = new LzxCompressor(chunkSize).compress(a, 0, a.length, fresh, 0, a.length - 1);
        LzxCompressor reused = new LzxCompressor(chunkSize);
        byte[] scratch = new byte[chunkSize];
        byte[] other = LzxTestData.text(Math.min(chunkSize, 200_000), 22);
        for (int k = 0; k < 3; k++) {
            reused.compress(other, 0, other.length, scratch, 0, other.length - 1);
            reused.compress(a, 0, a.length, scratch, 0, a.length - 1);
        }
        byte[] again = new byte[chunkSize];
        assertEquals(n, reused.compress(a, 0, a.length, again, 0, a.length - 1));
        assertArrayEquals(Arrays.copyOf(fresh, n), Arrays.copyOf(again, n));
    }

    /**
     * The farthest match a chunk can hold: its last bytes repeat its first ones. The match
     * finder has no window-limit test (the window is at least the chunk, so only the last 3
     * positions, never searched, could exceed it); this checks that the offsets it finds
     * there still decode, also for a chunk size that is not a power of two.
     */
    @ParameterizedTest
    @ValueSource(ints = {32768, 40000, 65536})
    void farthestMatchInAChunk(int chunkSize) throws Exception {
        byte[] data = LzxTestData.text(chunkSize, 31);
        byte[] head = LzxTestData.random(24, 32);
        System.arraycopy(head, 0, data, 0, head.length);
        for (int tail = 4; tail <= head.length; tail += 4) {
            System.arraycopy(head, 0, data, chunkSize - tail, tail);
            roundTrip(data, chunkSize);
        }
    }
}
