package org.jwim.wim.compress.lzx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Deterministic test inputs: text, x86 code, zeros, random and mixed data. */
final class LzxTestData {
    private LzxTestData() {
    }

    static byte[] text(int n, long seed) {
        String[] words = {"the", "compression", "of", "window", "image", "file", "resource", "chunk",
            "Windows", "and", "is", "a", "to", "in", "blob", "stream", "offset", "length", "huffman",
            "symbol", "block", "aligned", "verbatim", "\n", ", ", ". "};
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(n + 32);
        while (sb.length() < n) {
            sb.append(words[(int) Math.abs(r.nextGaussian() * 6) % words.length]).append(' ');
            if (r.nextInt(40) == 0) {
                sb.append(r.nextInt(100000));
            }
        }
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) sb.charAt(i);
        }
        return b;
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Synthetic x86-like code: many E8 calls with relative targets, some repetition. */
    static byte[] x86Like(int n, long seed) {
        Random r = new Random(seed);
        byte[] b = new byte[n];
        int i = 0;
        while (i < n) {
            int k = r.nextInt(10);
            if (k < 3 && i + 5 <= n) {
                b[i] = (byte) 0xE8;
                int target = r.nextInt(Math.max(1, n)) - i;
                b[i + 1] = (byte) target;
                b[i + 2] = (byte) (target >> 8);
                b[i + 3] = (byte) (target >> 16);
                b[i + 4] = (byte) (target >> 24);
                i += 5;
            } else if (k < 6 && i > 64) {
                int len = Math.min(n - i, 3 + r.nextInt(20));
                int src = i - 1 - r.nextInt(Math.min(i - 1, 4000));
                for (int j = 0; j < len; j++) {
                    b[i + j] = b[src + j];
                }
                i += len;
            } else {
                b[i++] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : r.nextInt(16) + 0x40);
            }
        }
        return b;
    }

    /** Real executables from /usr/bin (concatenated up to n bytes), or null if none readable. */
    static byte[] usrBin(int n) throws IOException {
        List<Path> files = new ArrayList<>();
        Path dir = Path.of("/usr/bin");
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (var s = Files.list(dir)) {
            s.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        byte[] out = new byte[n];
        int pos = 0;
        for (Path p : files) {
            if (pos >= n) {
                break;
            }
            try {
                if (Files.size(p) < 20000 || Files.size(p) > 3_000_000) {
                    continue;
                }
                byte[] d = Files.readAllBytes(p);
                if (d.length < 4 || d[0] != 0x7F || d[1] != 'E') {
                    continue;
                }
                int take = Math.min(d.length, n - pos);
                System.arraycopy(d, 0, out, pos, take);
                pos += take;
            } catch (IOException e) {
                // unreadable file: skip
            }
        }
        return pos == n ? out : null;
    }
}
