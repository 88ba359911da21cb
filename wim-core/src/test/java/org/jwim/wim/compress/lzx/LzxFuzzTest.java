package org.jwim.wim.compress.lzx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.jwim.wim.compress.CorruptChunkException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded mutations of valid LZX chunks (bit flips, truncation, overwritten runs, random
 * input): the decoder must throw CorruptChunkException or produce exactly the requested
 * length, never touch bytes outside its output range, never read outside its input range
 * (decoding the same bytes embedded in a larger array gives the same result) and never return
 * stale bytes (a sentinel-filled and a fresh output buffer decode identically).
 */
class LzxFuzzTest {
    private static final int GUARD = 32;
    private static final byte SENTINEL = (byte) 0xA7;

    @ParameterizedTest
    @ValueSource(ints = {32768, 65536})
    void mutatedChunks(int chunkSize) throws Exception {
        Random r = new Random(chunkSize);
        byte[][] inputs = {
            LzxTestData.text(chunkSize, 1),
            LzxTestData.x86Like(chunkSize, 2),
            LzxTestData.text(5000, 3),
            LzxTestData.x86Like(300, 4),
        };
        LzxCompressor c = new LzxCompressor(chunkSize);
        LzxDecompressor d = new LzxDecompressor(chunkSize);
        byte[] comp = new byte[chunkSize];
        java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
        for (byte[] in : inputs) {
            int n = c.compress(in, 0, in.length, comp, 0, in.length - 1);
            assertTrue(n > 0);
            byte[] valid = Arrays.copyOf(comp, n);
            byte[] plain = new byte[in.length];
            d.decompress(valid, 0, n, plain, 0, in.length);
            assertArrayEquals(in, plain, "the unmutated chunk decodes to its input");
            for (int k = 0; k < 600; k++) {
                byte[] m = mutate(valid, r);
                int outLen = r.nextInt(8) == 0 ? Math.max(1, in.length - 1 - r.nextInt(10)) : in.length;
                outcomes.merge(check(d, m, outLen), 1, Integer::sum);
            }
        }
        // the mutations reach both the decoder's error paths and its success path
        assertTrue(outcomes.getOrDefault("corrupt", 0) >= 200 && outcomes.getOrDefault("ok", 0) >= 200,
                outcomes.toString());
    }

    private static byte[] mutate(byte[] valid, Random r) {
        byte[] m = valid.clone();
        switch (r.nextInt(5)) {
            case 0 -> {
                for (int i = 1 + r.nextInt(8); i > 0; i--) {
                    int bit = r.nextInt(m.length * 8);
                    m[bit >>> 3] ^= (byte) (1 << (bit & 7));
                }
            }
            case 1 -> m = Arrays.copyOf(m, r.nextInt(m.length));
            case 2 -> {
                int at = r.nextInt(m.length);
                int len = Math.min(m.length - at, 1 + r.nextInt(64));
                for (int i = 0; i < len; i++) {
                    m[at + i] = (byte) r.nextInt(256);
                }
            }
            case 3 -> {
                m = new byte[1 + r.nextInt(2 * valid.length)];
                r.nextBytes(m);
            }
            default -> {
                // early bytes only: the code-length tables
                int at = r.nextInt(Math.min(m.length, 200));
                m[at] ^= (byte) (1 + r.nextInt(255));
            }
        }
        return m;
    }

    /** Checks one input; returns "ok" or "corrupt". */
    private static String check(LzxDecompressor d, byte[] m, int outLen) {
        byte[] a = new byte[outLen + 2 * GUARD];
        Arrays.fill(a, SENTINEL);
        byte[] fresh = new byte[outLen];
        byte[] embedded = new byte[m.length + 2 * GUARD];
        new Random(m.length).nextBytes(embedded);
        System.arraycopy(m, 0, embedded, GUARD, m.length);
        String ra = outcome(d, m, 0, m.length, a, GUARD, outLen);
        for (int i = 0; i < GUARD; i++) {
            assertEquals(SENTINEL, a[i], "guard before output");
            assertEquals(SENTINEL, a[GUARD + outLen + i], "guard after output");
        }
        String rf = outcome(d, m, 0, m.length, fresh, 0, outLen);
        byte[] e = new byte[outLen];
        String re = outcome(d, embedded, GUARD, m.length, e, 0, outLen);
        assertEquals(ra, rf);
        assertEquals(ra, re, "input outside [inOff, inOff+inLen) must not matter");
        if (ra.equals("ok")) {
            assertArrayEquals(fresh, Arrays.copyOfRange(a, GUARD, GUARD + outLen), "stale output bytes");
            assertArrayEquals(fresh, e, "input outside [inOff, inOff+inLen) must not matter");
        }
        return ra;
    }

    private static String outcome(LzxDecompressor d, byte[] in, int inOff, int inLen, byte[] out, int outOff,
                                  int outLen) {
        try {
            d.decompress(in, inOff, inLen, out, outOff, outLen);
            return "ok";
        } catch (CorruptChunkException e) {
            return "corrupt";
        } catch (RuntimeException e) {
            fail("decoder threw " + e, e);
            return "";
        }
    }
}
