package org.jwim.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jwim.capture.Apply;
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
import org.jwim.wim.model.ImageTree;

/** Set-up and clean-up shared by the benchmarks that need a WIM or an NTFS image on disk. */
final class BenchFiles {
    private BenchFiles() {
    }

    /** Captures the directory {@code source} into a new WIM at {@code wim}. */
    static void captureTree(Path source, Path wim, CompressionType compression) throws IOException {
        writeWim(wim, WriteOptions.defaults().compression(compression), DirectorySource.of(source).scan());
    }

    /** Writes {@code tree} as the one image of a new WIM at {@code wim}; returns the WIM's size. */
    static long writeWim(Path wim, WriteOptions options, ImageTree tree) throws IOException {
        try (WimWriter w = WimWriter.create(wim, options)) {
            w.addImage(tree, ImageInfo.of("bench", ""));
            w.commit();
        }
        return Files.size(wim);
    }

    /**
     * Creates the file {@code img} of {@code length} bytes holding an empty NTFS volume made by
     * jwim's own writer (no mkntfs needed).
     */
    static void formatNtfs(Path img, long length) throws IOException {
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[1]), length - 1);
            NtfsWriter.create(ch, 0, NtfsGeometry.defaults(length, 4096, "BENCH"), UpCase.generate()).finish();
        }
    }

    /**
     * The raw NTFS volume a capture benchmark reads: the image named by the system property
     * {@code jwim.bench.ntfsImage}, or else {@code work/ntfs.img} holding a {@link SampleTrees}
     * tree of {@code megabytes} MiB, written by jwim's own NTFS writer (no tool needed).
     */
    static Path ntfsVolume(Path work, int megabytes) throws IOException {
        String image = System.getProperty("jwim.bench.ntfsImage");
        if (image != null && !image.isEmpty()) {
            return Path.of(image);
        }
        Path source = work.resolve("src");
        SampleTrees.generate(source, megabytes, 1);
        Path wimPath = work.resolve("src.wim");
        captureTree(source, wimPath, CompressionType.NONE);
        Path img = work.resolve("ntfs.img");
        formatNtfs(img, ntfsLength(megabytes));
        try (WimFile wim = WimFile.open(wimPath); Disk d = Disk.openWritable(img)) {
            Apply.wim(wim).toDisk(d).run();
        }
        deleteTree(source);
        Files.delete(wimPath);
        return img;
    }

    /** The length of an NTFS image with room for a tree of {@code megabytes} MiB. */
    static long ntfsLength(int megabytes) {
        return Math.max(megabytes * 3L << 20, 256L << 20);
    }

    /** Deletes {@code dir} and everything under it. */
    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
