package org.jwim.wim.compress.lzx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time E8 scan of {@link LzxConstants#e8Decode} against the byte-by-byte one. */
class LzxE8Test {
    /** The translation as the format describes it, one byte at a time. */
    private static void reference(byte[] b, int off, int n) {
        for (int i = 0; i < n - 10; i++) {
            if (b[off + i] != (byte) 0xE8) {
                continue;
            }
            int p = off + i + 1;
            int abs = (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | b[p + 3] << 24;
            int v = abs >= 0 ? (abs < LzxConstants.E8_SIZE ? abs - i : abs)
                    : (abs >= -i ? abs + LzxConstants.E8_SIZE : abs);
            b[p] = (byte) v;
            b[p + 1] = (byte) (v >>> 8);
            b[p + 2] = (byte) (v >>> 16);
            b[p + 3] = (byte) (v >>> 24);
            i += 4;
        }
    }

    @Test
    void matchesTheByteByByteScan() {
        Random rnd = new Random(26);
        for (int round = 0; round < 2000; round++) {
            int n = rnd.nextInt(300);
            int off = rnd.nextInt(9);
            byte[] b = new byte[off + n + rnd.nextInt(9)];
            int density = 1 + rnd.nextInt(12);
            for (int i = 0; i < b.length; i++) {
                // E8 runs, operands near 0, near E8_SIZE and negative, and bytes like E8 (E9, 68)
                b[i] = switch (rnd.nextInt(density + 4)) {
                    case 0 -> (byte) 0xE8;
                    case 1 -> (byte) 0xE9;
                    case 2 -> (byte) 0x68;
                    case 3 -> (byte) (rnd.nextBoolean() ? 0xFF : 0);
                    default -> (byte) rnd.nextInt(256);
                };
            }
            if (n > 16 && rnd.nextBoolean()) { // an operand just under E8_SIZE
                int p = off + rnd.nextInt(n - 10);
                b[p] = (byte) 0xE8;
                int v = LzxConstants.E8_SIZE - 1 - rnd.nextInt(4);
                for (int k = 0; k < 4; k++) {
                    b[p + 1 + k] = (byte) (v >>> (8 * k));
                }
            }
            byte[] expected = b.clone();
            reference(expected, off, n);
            LzxConstants.e8Decode(b, off, n);
            assertArrayEquals(expected, b, "round " + round + ", " + n + " bytes at " + off);
        }
    }
}
