package org.jwim.wim.compress;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Deterministic test inputs of various kinds. */
public final class TestData {
    private static final String[] WORDS = ("the of and to in is that for it as was with be by on not "
            + "he this are or his from at which but have an they you were her all she there would "
            + "their we him been has when who will more no if out so said what up its about into "
            + "than them can only other new some could time these two may then do first any my now "
            + "such like our over man me even most made after also did many before must through "
            + "Windows Imaging Format resource blob chunk compressed stream directory security")
            .split(" ");

    private TestData() {
    }

    /** English-like text with punctuation and line breaks. */
    public static byte[] text(long seed, int n) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(n + 64);
        int col = 0;
        while (sb.length() < n) {
            String w = WORDS[(int) Math.min(WORDS.length - 1, Math.abs(r.nextGaussian()) * 30)];
            sb.append(w);
            col += w.length() + 1;
            if (r.nextInt(12) == 0) {
                sb.append(r.nextBoolean() ? ". " : ", ");
            } else if (col > 72) {
                sb.append('\n');
                col = 0;
            } else {
                sb.append(' ');
            }
            if (r.nextInt(200) == 0) {
                sb.append(r.nextInt(100000));
            }
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.US_ASCII);
        return java.util.Arrays.copyOf(b, n);
    }

    /**
     * x86-64-like machine code: prologues, calls (E8) and RIP-relative loads (48 8B 05 / 48 8D
     * 0D) to a limited set of targets, jumps (E9), immediates and padding.
     */
    public static byte[] x86(long seed, int n) {
        Random r = new Random(seed);
        byte[] b = new byte[n + 16];
        int[] funcs = new int[64];
        for (int i = 0; i < funcs.length; i++) {
            funcs[i] = r.nextInt(Math.max(1, n));
        }
        int[] globals = new int[32];
        for (int i = 0; i < globals.length; i++) {
            globals[i] = n + r.nextInt(1 << 20);
        }
        int p = 0;
        while (p < n) {
            int k = r.nextInt(10);
            if (k < 3) { // call rel32
                b[p] = (byte) 0xE8;
                putInt(b, p + 1, funcs[r.nextInt(funcs.length)] - (p + 5));
                p += 5;
            } else if (k < 5) { // mov rax, [rip+disp32] / lea rcx, [rip+disp32]
                b[p] = 0x48;
                boolean lea = r.nextBoolean();
                b[p + 1] = (byte) (lea ? 0x8D : 0x8B);
                b[p + 2] = (byte) (lea ? 0x0D : 0x05);
                putInt(b, p + 3, globals[r.nextInt(globals.length)] - (p + 7));
                p += 7;
            } else if (k == 5) { // push rbp; mov rbp, rsp; sub rsp, imm8
                byte[] pro = {0x55, 0x48, (byte) 0x89, (byte) 0xE5, 0x48, (byte) 0x83, (byte) 0xEC,
                    (byte) (8 * r.nextInt(16))};
                System.arraycopy(pro, 0, b, p, pro.length);
                p += pro.length;
            } else if (k == 6) { // jmp rel32 or ret + int3 padding
                if (r.nextBoolean()) {
                    b[p] = (byte) 0xE9;
                    putInt(b, p + 1, r.nextInt(4096) - 2048);
                    p += 5;
                } else {
                    b[p++] = (byte) 0xC3;
                    int pad = r.nextInt(8);
                    for (int i = 0; i < pad; i++) {
                        b[p++] = (byte) 0xCC;
                    }
                }
            } else { // mov reg, imm32 / misc bytes
                b[p] = (byte) (0xB8 + r.nextInt(8));
                putInt(b, p + 1, r.nextInt(256));
                p += 5;
            }
        }
        return java.util.Arrays.copyOf(b, n);
    }

    private static void putInt(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }

    /** Random bytes (incompressible). */
    public static byte[] random(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Little-endian 16-bit samples of a slow sine plus a 32-bit counter table: delta-friendly. */
    public static byte[] samples(long seed, int n) {
        Random r = new Random(seed);
        byte[] b = new byte[n];
        int half = n / 2 & ~3;
        for (int i = 0; i + 1 < half; i += 2) {
            int v = (int) (12000 * Math.sin(i / 700.0)) + r.nextInt(3);
            b[i] = (byte) v;
            b[i + 1] = (byte) (v >>> 8);
        }
        int step = 1 + r.nextInt(1000);
        for (int i = half; i + 3 < n; i += 4) {
            putInt(b, i, 100000 + (i - half) / 4 * step);
        }
        return b;
    }

    /** A concatenation of text, code, zeros, random and samples. */
    public static byte[] mixed(long seed, int n) {
        byte[] b = new byte[n];
        int p = 0;
        int part = 0;
        Random r = new Random(seed);
        while (p < n) {
            int len = Math.min(n - p, 1000 + r.nextInt(40000));
            byte[] src;
            switch (part++ % 5) {
                case 0: src = text(seed + p, len); break;
                case 1: src = x86(seed + p, len); break;
                case 2: src = new byte[len]; break;
                case 3: src = random(seed + p, len); break;
                default: src = samples(seed + p, len); break;
            }
            System.arraycopy(src, 0, b, p, len);
            p += len;
        }
        return b;
    }
}
