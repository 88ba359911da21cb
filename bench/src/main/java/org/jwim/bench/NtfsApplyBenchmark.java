package org.jwim.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jwim.capture.Apply;
import org.jwim.capture.DiskApplyReport;
import org.jwim.capture.disk.Disk;
import org.jwim.wim.CompressionType;
import org.jwim.wim.WimFile;
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
 * apply-disk to a raw NTFS volume (re-format keeping the geometry, structure, data in WIM
 * order, $MFT and indexes): a {@link SampleTrees} tree captured uncompressed or LZX, applied
 * again and again to one image file (first formatted by jwim's own writer, so no tool is
 * needed). ms per apply; MB/s = data MiB * 1000 / score.
 * Run: {@code java -jar bench/target/benchmarks.jar NtfsApplyBenchmark -f 1 -wi 2 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class NtfsApplyBenchmark {
    @Param({"NONE", "LZX"})
    public String compression;

    @Param({"64"})
    public int megabytes;

    private Path work;
    private Path img;
    private WimFile wim;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        work = Files.createTempDirectory("jwim-ntfs-apply-bench");
        Path source = work.resolve("src");
        SampleTrees.generate(source, megabytes, 1);
        Path wimPath = work.resolve("src.wim");
        BenchFiles.captureTree(source, wimPath, CompressionType.valueOf(compression));
        wim = WimFile.open(wimPath);
        img = work.resolve("ntfs.img");
        BenchFiles.formatNtfs(img, BenchFiles.ntfsLength(megabytes));
    }

    @Benchmark
    public long apply() throws IOException {
        try (Disk d = Disk.openWritable(img)) {
            DiskApplyReport r = Apply.wim(wim).toDisk(d).run();
            return r.volumes().get(0).restored().bytes();
        }
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        wim.close();
        BenchFiles.deleteTree(work);
    }
}
