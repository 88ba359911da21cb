package org.jwim.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jwim.capture.Apply;
import org.jwim.capture.DiskApplyReport;
import org.jwim.capture.disk.Disk;
import org.jwim.capture.source.DirectorySource;
import org.jwim.ntfs.write.NtfsGeometry;
import org.jwim.ntfs.write.NtfsWriter;
import org.jwim.ntfs.write.UpCase;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.WimFile;
import org.jwim.wim.WimWriter;
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
        try (WimWriter w = WimWriter.create(wimPath, WriteOptions.defaults()
                .compression(CompressionType.valueOf(compression)))) {
            w.addImage(DirectorySource.of(source).scan(), ImageInfo.of("bench", ""));
            w.commit();
        }
        wim = WimFile.open(wimPath);
        img = work.resolve("ntfs.img");
        long len = Math.max(megabytes * 3L << 20, 256L << 20);
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[1]), len - 1);
            NtfsWriter.create(ch, 0, NtfsGeometry.defaults(len, 4096, "BENCH"), UpCase.generate()).finish();
        }
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
        try (Stream<Path> s = Files.walk(work)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
