package org.jwim.bench;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jwim.capture.source.VolumeSources;
import org.jwim.wim.CompressionType;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.WimFile;
import org.jwim.wim.WriteOptions;
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
 * Capture of a raw NTFS volume through the pure-Java reader: MFT scan, security and
 * reparse data, dedup, chunk pipeline and WIM write, in ms per capture;
 * MB/s = data MiB * 1000 / score. The volume is the image named by the system property
 * {@code jwim.bench.ntfsImage} (made by scripts/ntfs/make-fixture.sh, the side-by-side
 * scripts, or a real disk's NTFS partition copied out), or else a {@link SampleTrees} tree of
 * {@code megabytes} MiB written into a fresh image by jwim's own NTFS writer, so no tool is
 * needed. Reads come from the page cache after the first capture.
 * Every capture also prints the CPU seconds per GiB of captured data (the image's total bytes)
 * of each thread role ({@link ThreadCpuMeter}): the caller's volume scan ("caller-scan") and
 * write phase ("caller-write": plans, takes the ahead hashes, writes chunks, metadata),
 * "jwim-hash" (hashes duplicate candidates), "jwim-read" (reads chunks), "jwim-compress" (the
 * workers: SHA-1 and compression), "jwim-write" (the writes behind), "jwim-write-back" (the
 * fdatasyncs ahead of the commit's fsync), and "process" (all, with JIT and GC).
 * Run: {@code java -jar bench/target/benchmarks.jar NtfsCaptureBenchmark -f 1 -wi 2 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class NtfsCaptureBenchmark {
    @Param({"NONE", "XPRESS", "LZX"})
    public String compression;

    @Param({"1", "2"})
    public int threads;

    @Param({"64"})
    public int megabytes;

    private Path work;
    private Path img;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        work = Files.createTempDirectory("jwim-ntfs-capture-bench");
        img = BenchFiles.ntfsVolume(work, megabytes);
    }

    @Benchmark
    public long capture() throws IOException {
        Path out = work.resolve("out.wim");
        // the commit's rename would otherwise free the previous capture's 1 GiB on the caller's
        // CPU (ext4 truncates the replaced file in rename), as a CLI user's fresh target does not
        Files.deleteIfExists(out);
        long size;
        Map<String, Long> cpu;
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ);
                ThreadCpuMeter meter = new ThreadCpuMeter()) {
            ImageTree tree = VolumeSources.scanVolume(ch, 0, ch.size(), VolumeSources.Options.defaults());
            meter.mark();
            size = BenchFiles.writeWim(out, WriteOptions.defaults()
                    .compression(CompressionType.valueOf(compression)).threads(threads), tree);
            cpu = meter.stop();
        }
        try (WimFile wim = WimFile.open(out)) {
            System.out.println("  " + ThreadCpuMeter.perGiB(cpu, wim.images().get(0).totalBytes()));
        }
        return size;
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        BenchFiles.deleteTree(work);
    }
}
