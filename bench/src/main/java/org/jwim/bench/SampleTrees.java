package org.jwim.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Generates an OS-like volume in a directory: many small text-like files, x86 machine code
 * taken from the running JDK's own libraries, some incompressible files, and duplicates.
 * The same seed gives the same tree, so jwim and wimlib capture identical bytes.
 */
public final class SampleTrees {
    private static final String[] WORDS = ("the of and to in is for that with as on by this be are"
            + " from or at an it not which have was all can has more will one their other file"
            + " system registry driver windows update config value service network device").split(" ");

    private SampleTrees() {
    }

    /** Writes about {@code megabytes} MiB of files under {@code root}. */
    public static void generate(Path root, int megabytes, long seed) throws IOException {
        Random rnd = new Random(seed);
        byte[] code = machineCode();
        long budget = (long) megabytes << 20;
        long written = 0;
        int n = 0;
        byte[] previous = null;
        while (written < budget) {
            Path dir = root.resolve("dir" + (n / 200)).resolve("sub" + (n / 20 % 10));
            Files.createDirectories(dir);
            byte[] data;
            int kind = rnd.nextInt(100);
            if (kind < 60) {
                data = text(rnd, 512 + rnd.nextInt(24_000));
            } else if (kind < 85) {
                int len = 4096 + rnd.nextInt(400_000);
                int at = rnd.nextInt(Math.max(1, code.length - len));
                data = java.util.Arrays.copyOfRange(code, at, Math.min(code.length, at + len));
            } else if (kind < 92) {
                data = new byte[8192 + rnd.nextInt(200_000)];
                rnd.nextBytes(data);
            } else if (previous != null) {
                data = previous;
            } else {
                data = text(rnd, 1000);
            }
            Files.write(dir.resolve("file" + n + (kind < 60 ? ".txt" : ".bin")), data);
            written += data.length;
            previous = data;
            n++;
        }
    }

    private static byte[] text(Random rnd, int size) {
        StringBuilder sb = new StringBuilder(size + 16);
        while (sb.length() < size) {
            sb.append(WORDS[(int) Math.abs(rnd.nextGaussian() * WORDS.length / 3) % WORDS.length]);
            sb.append(rnd.nextInt(12) == 0 ? ".\r\n" : " ");
        }
        return sb.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    /** Real x86-64 code: the JDK's libjvm (falls back to pseudo-code if it is not found). */
    static byte[] machineCode() throws IOException {
        Path jvm = Path.of(System.getProperty("java.home"), "lib", "server", "libjvm.so");
        if (Files.isReadable(jvm)) {
            try (InputStream in = Files.newInputStream(jvm)) {
                return in.readNBytes(16 << 20);
            }
        }
        byte[] b = new byte[4 << 20];
        Random r = new Random(7);
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (r.nextInt(10) == 0 ? 0xE8 : r.nextInt(64));
        }
        return b;
    }

    /** {@code java -cp benchmarks.jar org.jwim.bench.SampleTrees DIR MEGABYTES [SEED]} (seed 1 by default). */
    public static void main(String[] args) throws IOException {
        generate(Path.of(args[0]), Integer.parseInt(args[1]), args.length > 2 ? Long.parseLong(args[2]) : 1);
    }
}
