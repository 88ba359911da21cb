package org.jwim.wim.compress.lz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bulk match copy gives what LZ77's byte-by-byte copy gives, overlapping or not. */
class MatchCopyTest {
    @Test
    void sameBytesAsTheByteByByteCopy() {
        Random r = new Random(11);
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] a = new byte[600];
            r.nextBytes(a);
            byte[] b = a.clone();
            int op = 1 + r.nextInt(300);
            int src = op - 1 - r.nextInt(op);
            int length = 1 + r.nextInt(a.length - op);
            for (int i = 0; i < length; i++) {
                a[op + i] = a[src + i];
            }
            MatchCopy.copy(b, src, op, length);
            assertArrayEquals(a, b, "src " + src + " op " + op + " length " + length);
        }
    }
}
