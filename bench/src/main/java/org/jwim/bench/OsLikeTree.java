package org.jwim.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates a tree shaped like an installed operating system, for apply benchmarks where the
 * cost per file counts: many files (by default 32,000), one directory per 20 files nested a few
 * levels deep, sizes spread log-normally (most files a few KiB, a few of several MiB), content
 * from {@link SampleTrees} (text, machine code, random bytes), 5% duplicate content and 2.5% extra
 * hard links. The same arguments give the same tree.
 */
public final class OsLikeTree {
    private static final double SIGMA = 1.6; // spread of ln(size)
    private static final int MAX_FILE = 16 << 20;
    private static final byte[][] WORDS = java.util.Arrays.stream(("the of and to in is for that with as on by"
            + " this be are from or at an it not which have was all can has more will one their other file system"
            + " registry driver windows update config value service network device Microsoft version true false"
            + " <assembly> </assembly> name= processorArchitecture=\"amd64\" publicKeyToken= language=\"neutral\"")
            .split(" ")).map(w -> w.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).toArray(byte[][]::new);

    private OsLikeTree() {
    }

    /** Writes {@code files} names (hard links included) holding about {@code megabytes} MiB under {@code root}. */
    public static void generate(Path root, int files, int megabytes) throws IOException {
        Random rnd = new Random(26);
        byte[] code = SampleTrees.machineCode();
        List<Path> dirs = new ArrayList<>();
        dirs.add(root);
        Files.createDirectories(root);
        for (int i = 1; i < Math.max(2, files / 20); i++) {
            // a parent among the recent directories keeps the tree a few levels deep
            Path parent = dirs.get(i - 1 - rnd.nextInt(Math.min(i, 8)) / (rnd.nextInt(4) == 0 ? 1 : 8));
            Path d = parent.getNameCount() - root.getNameCount() >= 7 ? dirs.get(rnd.nextInt(Math.min(i, 40))) : parent;
            d = d.resolve("dir" + i);
            Files.createDirectory(d);
            dirs.add(d);
        }
        double mean = (double) megabytes * (1 << 20) / files;
        double mu = Math.log(mean) - SIGMA * SIGMA / 2;
        List<Path> written = new ArrayList<>();
        byte[] previous = new byte[0];
        for (int n = 0; n < files; n++) {
            Path dir = dirs.get(Math.min(dirs.size() - 1, (int) ((long) n * dirs.size() / files)
                    + (rnd.nextInt(10) == 0 ? rnd.nextInt(3) : 0)));
            int kind = rnd.nextInt(1000);
            if (kind < 25 && !written.isEmpty()) {
                Files.createLink(dir.resolve("link" + n), written.get(rnd.nextInt(written.size())));
                continue;
            }
            int size = (int) Math.min(MAX_FILE, Math.exp(mu + SIGMA * rnd.nextGaussian()));
            byte[] data;
            String ext;
            if (kind < 75) {
                data = previous;
                ext = ".dup";
            } else if (kind < 550) {
                data = text(rnd, size);
                ext = ".txt";
            } else if (kind < 930) {
                int at = rnd.nextInt(Math.max(1, code.length - size));
                data = java.util.Arrays.copyOfRange(code, at, Math.min(code.length, at + size));
                ext = ".dll";
            } else {
                data = new byte[size];
                rnd.nextBytes(data);
                ext = ".cab";
            }
            Path f = dir.resolve("file" + n + ext);
            Files.write(f, data);
            written.add(f);
            previous = data;
        }
    }

    /** Words and line breaks: compresses about as well as configuration files and scripts. */
    private static byte[] text(Random rnd, int size) {
        byte[] b = new byte[size];
        int i = 0;
        while (i < size) {
            byte[] w = WORDS[(int) Math.min(WORDS.length - 1, Math.abs(rnd.nextGaussian()) * WORDS.length / 3)];
            for (int k = 0; k < w.length && i < size; k++) {
                b[i++] = w[k];
            }
            if (i < size) {
                b[i++] = (byte) (rnd.nextInt(10) == 0 ? '\n' : ' ');
            }
        }
        return b;
    }

    /** {@code java -cp benchmarks.jar org.jwim.bench.OsLikeTree DIR [FILES [MEGABYTES]]}. */
    public static void main(String[] args) throws IOException {
        generate(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 32_000,
                args.length > 2 ? Integer.parseInt(args[2]) : 384);
    }
}
