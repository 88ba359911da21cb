package org.jwim.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jwim.capture.source.DirectorySource;
import org.jwim.wim.CompressionType;
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
 * End-to-end capture of a generated volume (directory scan, dedup, chunk pipeline, WIM write)
 * in milliseconds per capture; MB/s = {@code megabytes} * 1000 / score. Run:
 * {@code java -jar bench/target/benchmarks.jar CaptureBenchmark -f 1 -wi 2 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class CaptureBenchmark {
    @Param({"NONE", "XPRESS", "LZX"})
    public String compression;

    @Param({"1", "2"})
    public int threads;

    @Param({"64"})
    public int megabytes;

    private Path work;
    private Path source;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        work = Files.createTempDirectory("jwim-bench");
        source = work.resolve("src");
        SampleTrees.generate(source, megabytes, 1);
    }

    @Benchmark
    public long capture() throws IOException {
        return BenchFiles.writeWim(work.resolve("out.wim"), WriteOptions.defaults()
                .compression(CompressionType.valueOf(compression)).threads(threads),
                DirectorySource.of(source).scan());
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        BenchFiles.deleteTree(work);
    }
}
