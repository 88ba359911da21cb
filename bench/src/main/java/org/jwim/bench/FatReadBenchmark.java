package org.jwim.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jwim.fat.FatEntry;
import org.jwim.fat.FatVolume;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The FAT32 reader on a generated volume (a {@link SampleTrees} tree copied in with mtools,
 * so mkfs.fat and mcopy must be installed): {@code scan} opens the volume and lists every
 * directory (metadata only, ms per scan); {@code readAll} also reads every file in physical
 * order (MB/s = data MiB * 1000 / score; the image is in the page cache after warm-up).
 * Run: {@code java -jar bench/target/benchmarks.jar FatReadBenchmark -f 1 -wi 2 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class FatReadBenchmark {
    @Param({"64"})
    public int megabytes;

    private Path work;
    private FileChannel channel;
    private final byte[] buffer = new byte[1 << 20];

    @Setup(Level.Trial)
    public void generate() throws IOException, InterruptedException {
        work = Files.createTempDirectory("jwim-fat-bench");
        Path source = work.resolve("src");
        SampleTrees.generate(source, megabytes, 1);
        Path img = work.resolve("fat32.img");
        long kib = (megabytes * 3L / 2 + 64) * 1024;
        // FAT32 needs at least 65525 clusters: the largest cluster (up to 4 KiB) that allows it
        int spc = 8;
        while (spc > 1 && kib * 2 / spc < 70_000) {
            spc /= 2;
        }
        run(List.of("mkfs.fat", "-C", "-F", "32", "-s", Integer.toString(spc), img.toString(),
                Long.toString(kib)));
        List<String> copy = new ArrayList<>(List.of("mcopy", "-s", "-i", img.toString()));
        try (Stream<Path> s = Files.list(source)) {
            s.sorted().forEach(p -> copy.add(p.toString()));
        }
        copy.add("::/");
        run(copy);
        channel = FileChannel.open(img, StandardOpenOption.READ);
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put("MTOOLS_SKIP_CHECK", "1");
        pb.environment().put("PATH", System.getenv("PATH") + ":/usr/sbin:/sbin");
        if (pb.start().waitFor() != 0) {
            throw new IOException("failed: " + cmd);
        }
    }

    private List<FatEntry> files(FatVolume vol) throws IOException {
        List<FatEntry> files = new ArrayList<>();
        Deque<FatEntry> stack = new ArrayDeque<>();
        stack.push(vol.root());
        while (!stack.isEmpty()) {
            for (FatEntry e : vol.list(stack.pop())) {
                if (e.isDirectory()) {
                    stack.push(e);
                } else {
                    files.add(e);
                }
            }
        }
        return files;
    }

    @Benchmark
    public int scan() throws IOException {
        return files(FatVolume.open(channel, 0, channel.size(), w -> { })).size();
    }

    @Benchmark
    public long readAll() throws IOException {
        List<FatEntry> files = files(FatVolume.open(channel, 0, channel.size(), w -> { }));
        files.sort(Comparator.comparingLong(FatEntry::firstPhysicalOffset));
        long total = 0;
        for (FatEntry f : files) {
            try (InputStream in = f.open()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    total += n;
                }
            }
        }
        return total;
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        channel.close();
        BenchFiles.deleteTree(work);
    }
}
