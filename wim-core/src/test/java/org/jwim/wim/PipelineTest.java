package org.jwim.wim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jwim.wim.blob.ExtentSource;
import org.jwim.wim.blob.MemorySource;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.blob.StreamSource;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.StreamKind;
import org.jwim.wim.model.StreamRef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The serial and parallel chunk pipelines write the same blobs; dedup and failure paths. */
class PipelineTest {
    @TempDir
    Path dir;

    /** Text-like, random, zero and duplicate files of many sizes, some several chunks long. */
    static ImageTree tree(long seed) {
        Random rnd = new Random(seed);
        ImageTree t = ImageTree.empty();
        for (int d = 0; d < 4; d++) {
            Dentry sub = t.root().add(new Dentry("d" + d, new Inode(Inode.ATTR_DIRECTORY)));
            for (int f = 0; f < 30; f++) {
                int size = switch (f % 5) {
                    case 0 -> rnd.nextInt(100);
                    case 1 -> 32768;
                    case 2 -> 32769;
                    case 3 -> rnd.nextInt(300_000);
                    default -> 4096;
                };
                byte[] data = new byte[size];
                switch (f % 3) {
                    case 0 -> rnd.nextBytes(data);
                    case 1 -> {
                        for (int i = 0; i < size; i++) {
                            data[i] = (byte) ("the quick brown fox ".charAt(i % 20) + (i / 997) % 3);
                        }
                    }
                    default -> { }
                }
                Inode in = new Inode(Inode.ATTR_NORMAL);
                in.addStream(size == 0 ? StreamRef.empty(StreamKind.DATA, "")
                        : StreamRef.fromSource(StreamKind.DATA, "", new MemorySource(data)));
                sub.add(new Dentry("f" + f, in));
            }
        }
        return t;
    }

    private Set<String> blobSet(Path wim) throws IOException {
        Set<String> set = new TreeSet<>();
        try (WimFile f = WimFile.open(wim)) {
            assertTrue(f.verify().ok(), f.verify().problems().toString());
            f.blobs().stream().filter(b -> !b.metadata()).forEach(b -> set.add(b.hash() + " " + b.size()));
        }
        return set;
    }

    private Path write(CompressionType type, int threads, String name) throws IOException {
        Path wim = dir.resolve(name);
        try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(type).threads(threads))) {
            w.addImage(tree(1), ImageInfo.of("a", ""));
            w.addImage(tree(1), ImageInfo.of("b", ""));
            w.commit();
        }
        return wim;
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"NONE", "XPRESS", "LZX", "LZ4", "ZSTD"})
    void serialAndParallelStoreTheSameBlobs(CompressionType type) throws Exception {
        Path serial = write(type, 1, "s.wim");
        Path parallel = write(type, 3, "p.wim");
        Set<String> a = blobSet(serial);
        assertEquals(a, blobSet(parallel));
        // identical second image: no new blobs, each content once
        try (WimFile f = WimFile.open(parallel)) {
            long distinct = f.blobs().stream().filter(b -> !b.metadata()).map(b -> b.hash()).distinct().count();
            assertEquals(distinct, f.blobs().stream().filter(b -> !b.metadata()).count());
        }
        if (type != CompressionType.NONE && type.isStandard()) {
            OracleTools.requireTool("wimlib-imagex");
            OracleTools.ok(dir, "wimlib-imagex", "verify", parallel.toString());
            OracleTools.ok(dir, "wimlib-imagex", "verify", serial.toString());
        }
    }

    @Test
    void sourceThatShrinksDuringCaptureIsAClearErrorAndLeavesNothing() throws Exception {
        ImageTree t = ImageTree.empty();
        Inode in = new Inode(Inode.ATTR_NORMAL);
        byte[] real = new byte[1000];
        in.addStream(StreamRef.fromSource(StreamKind.DATA, "",
                new StreamSource(5000, 0, () -> new ByteArrayInputStream(real))));
        t.root().add(new Dentry("changing", in));
        Path wim = dir.resolve("c.wim");
        for (int threads : new int[] {1, 2}) {
            try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults()
                    .compression(CompressionType.NONE).threads(threads))) {
                SourceChangedException e = assertThrows(SourceChangedException.class,
                        () -> w.addImage(t, ImageInfo.of("x", "")));
                assertTrue(e.getMessage().contains("modified during capture"), e.getMessage());
                // the job's label, made only for the message, names the file
                assertTrue(e.getMessage().startsWith("/changing is shorter"), e.getMessage());
            }
            assertFalse(Files.exists(wim));
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(0, s.count());
            }
        }
    }

    @Test
    void sameSizeCandidateThatShrinksWhileHashedAheadIsAClearError() throws Exception {
        ImageTree t = ImageTree.empty();
        byte[] real = new byte[1000];
        for (int i = 0; i < 3; i++) {
            Inode in = new Inode(Inode.ATTR_NORMAL);
            // same declared size, so all three are hashed ahead, on two threads
            in.addStream(StreamRef.fromSource(StreamKind.DATA, "", i == 1
                    ? new StreamSource(5000, 0, () -> new ByteArrayInputStream(real))
                    : new MemorySource(new byte[5000])));
            t.root().add(new Dentry("f" + i, in));
        }
        Path wim = dir.resolve("h.wim");
        try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults()
                .compression(CompressionType.XPRESS).threads(2))) {
            SourceChangedException e = assertThrows(SourceChangedException.class,
                    () -> w.addImage(t, ImageInfo.of("x", "")));
            assertTrue(e.getMessage().contains("modified during capture"), e.getMessage());
        }
        assertFalse(Files.exists(wim));
    }

    @Test
    void cancelledCaptureLeavesNothingUnderTheFinalName() throws Exception {
        Path wim = dir.resolve("x.wim");
        Files.writeString(wim, "old content");
        AtomicInteger events = new AtomicInteger();
        ProgressListener cancelAfterStart = new ProgressListener() {
            @Override
            public void onEvent(ProgressEvent event) {
                events.incrementAndGet();
            }

            @Override
            public boolean cancelled() {
                return events.get() > 0;
            }
        };
        try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(CompressionType.NONE)
                .threads(2).progress(cancelAfterStart))) {
            assertThrows(CancelledException.class, () -> w.addImage(tree(2), ImageInfo.of("x", "")));
        }
        assertEquals("old content", Files.readString(wim));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void identicalFilesInDifferentDirectoriesAndImagesAreStoredOnce() throws Exception {
        byte[] same = new byte[70_000];
        new Random(3).nextBytes(same);
        Path wim = dir.resolve("d.wim");
        try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(CompressionType.NONE))) {
            for (int image = 0; image < 2; image++) {
                ImageTree t = ImageTree.empty();
                for (String d : new String[] {"x", "y"}) {
                    Dentry sub = t.root().add(new Dentry(d, new Inode(Inode.ATTR_DIRECTORY)));
                    Inode in = new Inode(Inode.ATTR_NORMAL);
                    in.addStream(StreamRef.fromSource(StreamKind.DATA, "", new MemorySource(same)));
                    sub.add(new Dentry("copy", in));
                }
                w.addImage(t, ImageInfo.of("i" + image, ""));
            }
            w.commit();
        }
        try (WimFile f = WimFile.open(wim)) {
            var data = f.blobs().stream().filter(b -> !b.metadata()).toList();
            assertEquals(1, data.size());
            assertEquals(Sha1.digest(same), data.get(0).hash());
            assertEquals(4, data.get(0).refCount());
        }
    }

    /** Files of volume extents (read by the parallel stream's workers) across chunk boundaries. */
    private static ImageTree extentTree(FileChannel volume, long volumeSize, long seed, boolean pastEnd) {
        Random rnd = new Random(seed);
        ImageTree t = ImageTree.empty();
        for (int f = 0; f < 40; f++) {
            int n = 1 + rnd.nextInt(4);
            long[] starts = new long[n];
            long[] lengths = new long[n];
            for (int e = 0; e < n; e++) {
                lengths[e] = switch (rnd.nextInt(4)) {
                    case 0 -> rnd.nextInt(5000);
                    case 1 -> 32768 + rnd.nextInt(3);
                    default -> rnd.nextInt(700_000);
                };
                starts[e] = e == 1 && f % 3 == 0 ? -1 : rnd.nextLong(volumeSize - lengths[e]);
            }
            if (pastEnd && f == 30) {
                starts[0] = volumeSize - 10;
                lengths[0] = 4096;
            }
            Inode in = new Inode(Inode.ATTR_NORMAL);
            ExtentSource src = new ExtentSource(volume, starts, lengths);
            in.addStream(src.size() == 0 ? StreamRef.empty(StreamKind.DATA, "")
                    : StreamRef.fromSource(StreamKind.DATA, "", src));
            t.root().add(new Dentry("f" + f, in));
        }
        return t;
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"NONE", "XPRESS"})
    void extentSourcesReadByTheWorkersGiveTheSerialBlobs(CompressionType type) throws Exception {
        Path vol = dir.resolve("vol");
        byte[] bytes = new byte[3 << 20];
        new Random(8).nextBytes(bytes);
        for (int i = 0; i < bytes.length / 2; i++) {
            bytes[i] = i % 251 < 100 ? 0 : bytes[i]; // compressible half
        }
        Files.write(vol, bytes);
        Set<String> serial = null;
        try (FileChannel ch = FileChannel.open(vol, StandardOpenOption.READ)) {
            for (int threads : new int[] {1, 2, 3}) {
                Path wim = dir.resolve("e" + threads + ".wim");
                try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(type).threads(threads))) {
                    w.addImage(extentTree(ch, bytes.length, 9, false), ImageInfo.of("e", ""));
                    w.commit();
                }
                Set<String> blobs = blobSet(wim);
                if (serial == null) {
                    serial = blobs;
                } else {
                    assertEquals(serial, blobs);
                }
            }
        }
    }

    @Test
    @Timeout(60)
    void extentPastTheVolumeEndFailsTheParallelCaptureWithoutHanging() throws Exception {
        Path vol = dir.resolve("vol");
        byte[] bytes = new byte[2 << 20];
        new Random(10).nextBytes(bytes);
        Files.write(vol, bytes);
        Path wim = dir.resolve("x.wim");
        try (FileChannel ch = FileChannel.open(vol, StandardOpenOption.READ);
                WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(CompressionType.NONE)
                        .threads(2))) {
            IOException e = assertThrows(IOException.class,
                    () -> w.addImage(extentTree(ch, bytes.length, 11, true), ImageInfo.of("x", "")));
            assertTrue(e.getMessage().contains("past the end of the volume"), e.getMessage());
        }
        assertFalse(Files.exists(wim));
    }

    /**
     * Uncompressed, the parallel stream packs small files' chunks side by side in one array
     * per batch: chunks of exactly one array, a file's later chunks after small files, and
     * many tiny files must all land where the serial stream puts them.
     */
    @Test
    void packedUncompressedBatchesStoreWhatTheSerialStreamStores() throws Exception {
        int mib = 1 << 20;
        int[] sizes = {1, mib, 70_000, mib + 1, 3, 2 * mib - 1, 500_000, 600_000, mib, 2};
        Random rnd = new Random(12);
        ImageTree t = ImageTree.empty();
        for (int f = 0; f < sizes.length + 60; f++) {
            int size = f < sizes.length ? sizes[f] : 1 + rnd.nextInt(40_000);
            byte[] data = new byte[size];
            rnd.nextBytes(data);
            Inode in = new Inode(Inode.ATTR_NORMAL);
            in.addStream(StreamRef.fromSource(StreamKind.DATA, "", new MemorySource(data)));
            t.root().add(new Dentry("f" + f, in));
        }
        Set<String> serial = null;
        for (int threads : new int[] {1, 2, 5}) {
            Path wim = dir.resolve("n" + threads + ".wim");
            try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(CompressionType.NONE)
                    .threads(threads))) {
                w.addImage(t, ImageInfo.of("n", ""));
                w.commit();
            }
            Set<String> blobs = blobSet(wim);
            assertEquals(sizes.length + 60, blobs.size());
            if (serial == null) {
                serial = blobs;
            } else {
                assertEquals(serial, blobs);
            }
        }
    }
}
