package org.jwim.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.jwim.capture.disk.Disk;
import org.jwim.capture.disk.FileSystemKind;
import org.jwim.capture.disk.Volume;

/**
 * The workload that trains the AOT cache of {@code ./jwim} (JDK 25+, {@code -XX:AOTCacheOutput}):
 * the commands users run, on the shipped sample disk and on a generated volume, so that the
 * classes they load and the profiles of their hot methods (reader, SHA-1, compressors, writer)
 * are in the cache. {@code java -cp jwim.jar org.jwim.cli.AotTraining WORKDIR}; WORKDIR must
 * not exist or be empty and is deleted afterwards. Exits 1 with one line when a command fails,
 * so that a broken build never leaves a half-trained cache behind.
 */
public final class AotTraining {
    /** Bytes of generated file content: enough for C2 to compile the compressors' loops. */
    private static final int TREE_BYTES = 12 << 20;

    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp jwim.jar org.jwim.cli.AotTraining WORKDIR");
            System.exit(Main.USAGE);
        }
        Path work = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(work);
        try {
            train(work);
        } catch (IOException e) {
            System.err.println("jwim: AOT training: " + e.getMessage());
            deleteTree(work);
            System.exit(Main.FAILED);
        }
        deleteTree(work);
    }

    private static void train(Path w) throws IOException {
        Path sample = CaptureDiskCommand.unpackSample();
        try {
            for (String c : List.of("xpress", "lzx", "none")) {
                run("capture-disk", sample.toString(), w.resolve("s-" + c + ".wim").toString(),
                        "--compress=" + c, "--threads=2");
            }
        } finally {
            Files.deleteIfExists(sample);
        }
        Path tree = w.resolve("tree");
        generate(tree, new SplittableRandom(24));
        Path dir = w.resolve("dir.wim");
        run("capture", tree.toString(), dir.toString(), "--compress=none", "--threads=2");
        Path disk = w.resolve("disk.img");
        run("make-disk", dir.toString(), disk.toString());
        for (String c : List.of("xpress", "lzx", "none")) {
            Path wim = w.resolve("v-" + c + ".wim");
            run("capture-disk", disk.toString(), wim.toString(), "--compress=" + c, "--threads=2");
            // incremental capture: unchanged files matched, their blobs copied as stored
            Path update = w.resolve("u-" + c + ".wim");
            run("capture-disk", disk.toString(), update.toString(), "--compress=" + c, "--threads=2",
                    "--update-of=" + wim);
            Files.delete(update);
            run("info", wim.toString());
            run("dir", wim.toString(), "1");
            run("verify", wim.toString());
            Path out = w.resolve("apply-" + c);
            run("apply", wim.toString(), "1", out.toString());
            deleteTree(out);
            Files.delete(wim);
        }
        trainVolumeUpdate(w, disk);
        run("apply-disk", dir.toString(), disk.toString(), "--map", "1=3");
        // SMB shares: smbj's logon, request encoding and AES-CMAC signing, in memory (no server)
        org.jwim.net.SmbWarmUp.run(32);
    }

    /**
     * {@code capture VOLUME --update-of}: a raw NTFS volume (copied out of {@code disk}) whose
     * MFT records are matched with the reference as they are read and whose unchanged files'
     * blobs are copied ahead in batches (a path {@code capture-disk --update-of} does not take).
     */
    private static void trainVolumeUpdate(Path w, Path disk) throws IOException {
        Path vol = w.resolve("volume.img");
        try (Disk d = Disk.open(disk); FileChannel in = FileChannel.open(disk);
                FileChannel out = FileChannel.open(vol, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Volume v = d.volumes().stream().filter(x -> x.fileSystem() == FileSystemKind.NTFS).findFirst()
                    .orElseThrow(() -> new IOException("the training disk has no NTFS volume"));
            for (long done = 0; done < v.length();) {
                done += in.transferTo(v.offset() + done, v.length() - done, out.position(done));
            }
        }
        Path ref = w.resolve("volume.wim");
        run("capture", vol.toString(), ref.toString(), "--compress=xpress", "--threads=2");
        Path update = w.resolve("volume-update.wim");
        run("capture", vol.toString(), update.toString(), "--compress=xpress", "--threads=2",
                "--update-of=" + ref + ":1");
        Files.delete(update);
        Files.delete(ref);
        Files.delete(vol);
    }

    private static void run(String... args) throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--progress=none"));
        all.addAll(List.of(args));
        int rc = Main.run(new PrintStream(OutputStream.nullOutputStream()), new PrintStream(err, true), all.toArray(String[]::new));
        if (rc != Main.OK && rc != Main.WARNINGS) {
            throw new IOException("'jwim " + String.join(" ", args) + "' exited " + rc + ": "
                    + err.toString(java.nio.charset.StandardCharsets.UTF_8).strip());
        }
    }

    /**
     * A small OS-like tree: text in words, structured binary records, random (incompressible)
     * bytes, small files, and same-size files (duplicates and not) for the hashing path.
     */
    static void generate(Path root, SplittableRandom rnd) throws IOException {
        String[] words = {"the", "volume", "capture", "stream", "window", "system", "driver", "file",
            "data", "of", "and", "to", "index", "record", "config", "service", "network", "update"};
        long written = 0;
        for (int i = 0; written < TREE_BYTES; i++) {
            Path d = root.resolve("d" + (i % 13));
            Files.createDirectories(d);
            int size = i % 7 == 0 ? 300_000 + rnd.nextInt(700_000) : 200 + rnd.nextInt(40_000);
            byte[] b = new byte[size];
            switch (i % 4) {
                case 0 -> {
                    StringBuilder s = new StringBuilder(size + 16);
                    while (s.length() < size) {
                        s.append(words[rnd.nextInt(words.length)]).append(rnd.nextInt(9) == 0 ? '\n' : ' ');
                    }
                    System.arraycopy(s.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, b, 0, size);
                }
                case 1 -> {
                    for (int p = 0; p + 16 <= size; p += 16) { // records: small ints, a few opcodes
                        b[p] = (byte) 0xE8;
                        b[p + 1] = (byte) rnd.nextInt(64);
                        b[p + 4] = (byte) (p >>> 4);
                        b[p + 8] = (byte) rnd.nextInt(4);
                    }
                }
                case 2 -> rnd.nextBytes(b);
                default -> {
                    rnd.nextBytes(b);
                    for (int p = 0; p < size; p++) {
                        b[p] &= 0x0F;
                    }
                }
            }
            Files.write(d.resolve("f" + i + ".bin"), b);
            if (i % 5 == 0) { // same size: a duplicate and a different file
                Files.write(d.resolve("f" + i + ".dup"), b);
                b[size / 2] ^= 1;
                Files.write(d.resolve("f" + i + ".alt"), b);
                written += 2L * size;
            }
            written += size;
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(q);
            }
        }
    }
}
