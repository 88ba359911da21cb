package org.jwim.bench;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.jwim.capture.source.VolumeSources;
import org.jwim.capture.update.ReferenceImage;
import org.jwim.capture.update.UnchangedFiles;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.WimFile;
import org.jwim.wim.WimWriter;
import org.jwim.wim.WriteOptions;
import org.jwim.wim.model.FileIdentity;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
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
 * Incremental capture ({@code --update-of}) of a raw NTFS volume against a full XPRESS capture
 * of it, in ms per capture: {@code full} is the full capture, {@code updateOf} the scan, the
 * comparison with the reference image and the write of a new WIM (reused blobs copied as
 * stored). {@code changedPercent} of the files count as changed: the reference records a
 * different MFT-change time for them, so they are read, hashed and compressed as a real change
 * would be. The volume is {@code jwim.bench.ntfsImage} or a {@link SampleTrees} tree of
 * {@code megabytes} MiB, as in {@link NtfsCaptureBenchmark}.
 * Run: {@code java -jar bench/target/benchmarks.jar IncrementalCaptureBenchmark -f 1 -wi 2 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class IncrementalCaptureBenchmark {
    @Param({"0", "5"})
    public int changedPercent;

    @Param({"2"})
    public int threads;

    @Param({"64"})
    public int megabytes;

    private Path work;
    private Path img;
    private Path reference;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        work = Files.createTempDirectory("jwim-incremental-bench");
        img = BenchFiles.ntfsVolume(work, megabytes);
        reference = work.resolve("reference.wim");
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ)) {
            ImageTree tree = VolumeSources.scanVolume(ch, 0, ch.size(), VolumeSources.Options.defaults());
            int n = 0;
            for (Inode in : tree.root().inodes()) {
                FileIdentity id = FileIdentity.of(in);
                if (id != null && !in.isDirectory() && changedPercent > 0 && n++ % (100 / changedPercent) == 0) {
                    new FileIdentity(id.kind(), id.flags(), id.generation(), id.fileId(), id.writeTime(),
                            id.changeTime() - 1, id.usn()).storeIn(in);
                }
            }
            BenchFiles.writeWim(reference, options(), tree);
        }
    }

    private WriteOptions options() {
        return WriteOptions.defaults().compression(CompressionType.XPRESS).threads(threads);
    }

    @Benchmark
    public long full() throws IOException {
        Path out = work.resolve("full.wim");
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ)) {
            ImageTree tree = VolumeSources.scanVolume(ch, 0, ch.size(), VolumeSources.Options.defaults());
            return BenchFiles.writeWim(out, options(), tree);
        }
    }

    @Benchmark
    public long updateOf() throws IOException {
        Path out = work.resolve("update.wim");
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ); WimFile ref = WimFile.open(reference)) {
            ImageTree tree = VolumeSources.scanVolume(ch, 0, ch.size(), VolumeSources.Options.defaults());
            UnchangedFiles.against(ReferenceImage.read(ref, 1)).apply(tree);
            try (WimWriter w = WimWriter.create(out, options())) {
                w.useBlobsOf(ref, tree.root());
                w.addImage(tree, ImageInfo.of("update", ""));
                w.commit();
            }
        }
        return Files.size(out);
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        BenchFiles.deleteTree(work);
    }
}
