package org.jwim.wim.compress.lzms;

import java.util.Arrays;

/**
 * Reverses the LZMS x86 address translation on a decoded chunk (behaviour of wimlib's
 * {@code lzms_x86_filter} with undo = true).
 *
 * <p>Candidate instructions: {@code FF 15} (call indirect), {@code F0 83 05} (lock add),
 * {@code 48|4C 8D modrm} / {@code 48 8B modrm} (RIP-relative lea/mov, r/m == 5) and {@code E8}
 * (call; {@code E9} is skipped over and never translated). An operand is translated only within
 * 1023 bytes (511 for E8) after the last position judged to be x86 code; a position is judged so
 * when the low 16 bits of its absolute target were used by another candidate at most 65535 bytes
 * earlier. The first byte is never an opcode and opcodes in the last 16 bytes are ignored.
 */
final class LzmsX86Filter {
    private static final int ID_WINDOW = 65535;
    private static final int MAX_TRANSLATION_OFFSET = 1023;

    /** Last position at which each 16-bit target was seen; reused across calls. */
    private final int[] lastTargetUsage = new int[65536];

    void undo(byte[] d, int off, int size) {
        if (size <= 17) {
            return;
        }
        Arrays.fill(lastTargetUsage, -ID_WINDOW - 1);
        int lastX86 = -MAX_TRANSLATION_OFFSET - 1;
        final int tail = size - 16;
        int p = 1;
        while (p < tail) {
            int b0 = d[off + p] & 0xFF;
            int nbytes;
            int maxTrans = MAX_TRANSLATION_OFFSET;
            switch (b0) {
                case 0xFF:
                    if ((d[off + p + 1] & 0xFF) != 0x15) {
                        p++;
                        continue;
                    }
                    nbytes = 2;
                    break;
                case 0xF0:
                    if ((d[off + p + 1] & 0xFF) != 0x83 || (d[off + p + 2] & 0xFF) != 0x05) {
                        p++;
                        continue;
                    }
                    nbytes = 3;
                    break;
                case 0x48:
                case 0x4C: {
                    int b1 = d[off + p + 1] & 0xFF;
                    int b2 = d[off + p + 2] & 0xFF;
                    // the r/m test only (not mod) is what the format does
                    if ((b2 & 0x07) != 0x05 || !(b1 == 0x8D
                            || (b1 == 0x8B && (b0 & 0x04) == 0 && (b2 & 0xF0) == 0))) {
                        p++;
                        continue;
                    }
                    nbytes = 3;
                    break;
                }
                case 0xE8:
                    nbytes = 1;
                    maxTrans >>= 1;
                    break;
                case 0xE9:
                    p += 5;
                    continue;
                default:
                    p++;
                    continue;
            }
            int i = p;
            int a = off + p + nbytes; // the 32-bit operand
            if (i - lastX86 <= maxTrans) {
                int n = (d[a] & 0xFF) | (d[a + 1] & 0xFF) << 8 | (d[a + 2] & 0xFF) << 16
                        | (d[a + 3] & 0xFF) << 24;
                n -= i;
                d[a] = (byte) n;
                d[a + 1] = (byte) (n >>> 8);
                d[a + 2] = (byte) (n >>> 16);
                d[a + 3] = (byte) (n >>> 24);
            }
            int target16 = (i + ((d[a] & 0xFF) | (d[a + 1] & 0xFF) << 8)) & 0xFFFF;
            i += nbytes + 3;
            if (i - lastTargetUsage[target16] <= ID_WINDOW) {
                lastX86 = i;
            }
            lastTargetUsage[target16] = i;
            p += nbytes + 4;
        }
    }
}
