package org.jwim.wim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** Decoding chunks ahead on a pool gives the same bytes and the same errors as inline decoding. */
class ReadAheadTest {
    @TempDir
    Path dir;

    /** Compressible but not trivial: words from a small vocabulary with random noise. */
    private static byte[] data(int size, long seed) {
        Random r = new Random(seed);
        String[] words = {"apply ", "capture ", "volume ", "chunk ", "blob ", "\u00e9t\u00e9 ", "0x1F "};
        byte[] b = new byte[size];
        int i = 0;
        while (i < size) {
            byte[] w = words[r.nextInt(words.length)].getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (int k = 0; k < w.length && i < size; k++) {
                b[i++] = r.nextInt(50) == 0 ? (byte) r.nextInt() : w[k];
            }
        }
        return b;
    }

    private Path write(CompressionType type, byte[] big) throws IOException {
        Path wim = dir.resolve(type + ".wim");
        try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(type))) {
            ImageTree t = WimWriterOracleTest.sampleTree("r");
            t.root().add(new Dentry("big", WimWriterOracleTest.file(big)));
            t.root().add(new Dentry("small", WimWriterOracleTest.file(data(5000, 7))));
            w.addImage(t, ImageInfo.of("r", ""));
            w.commit();
        }
        return wim;
    }

    /** Reads in odd-sized pieces so reads straddle chunk boundaries. */
    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[12_345];
        int n;
        while ((n = in.read(buf, 0, buf.length)) > 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static BlobInfo largest(WimFile f) {
        return f.blobs().stream().filter(b -> !b.metadata()).max(Comparator.comparingLong(BlobInfo::size)).orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"XPRESS", "LZX", "ZSTD"})
    void pooledDecodingReturnsTheSameBytesForEveryBlob(CompressionType type) throws IOException {
        byte[] big = data(3_000_000, 1);
        Path wim = write(type, big);
        try (WimFile inline = WimFile.open(wim).decodeThreads(1); WimFile pooled = WimFile.open(wim).decodeThreads(3)) {
            assertArrayEquals(big, readAll(pooled.openBlob(largest(pooled).hash())));
            for (BlobInfo b : inline.blobs()) {
                if (!b.metadata()) {
                    byte[] expected;
                    try (InputStream in = inline.openBlob(b.hash())) {
                        expected = in.readAllBytes();
                    }
                    try (InputStream in = pooled.openBlob(b.hash())) {
                        assertArrayEquals(expected, readAll(in), "blob " + b.hash());
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"XPRESS", "LZX"})
    void aDamagedChunkFarAheadFailsAsAFormatError(CompressionType type) throws IOException {
        Path wim = write(type, data(3_000_000, 2));
        BlobInfo big;
        try (WimFile f = WimFile.open(wim)) {
            big = largest(f);
        }
        byte[] bytes = Files.readAllBytes(wim);
        bytes[(int) (big.offset() + big.storedSize() * 3 / 4)] ^= 0x55;
        Files.write(wim, bytes);
        try (WimFile f = WimFile.open(wim).decodeThreads(4); InputStream in = f.openBlob(big.hash())) {
            WimFormatException e = assertThrows(WimFormatException.class, () -> readAll(in));
            assertTrue(e.getMessage().contains("chunk") || e.getMessage().contains("SHA-1"), e.getMessage());
        }
    }

    /**
     * A wimlib solid WIM with small solid chunks: many blobs share each chunk. Four threads read
     * every blob at once through the shared chunk cache (and its read-ahead) and get the files.
     */
    @Test
    void solidBlobsReadConcurrentlyThroughTheSharedChunkCache() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path src = Files.createDirectories(dir.resolve("src"));
        List<byte[]> files = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            byte[] b = data(i == 7 ? 700_000 : 3_000 + 997 * i, 100 + i);
            files.add(b);
            Files.write(src.resolve("f" + i), b);
        }
        Path wim = dir.resolve("solid.wim");
        OracleTools.Result r = OracleTools.run(dir, "wimlib-imagex", "capture", src.toString(), wim.toString(),
                "--solid", "--solid-chunk-size=65536");
        assertEquals(0, r.exitCode(), r.stderr());
        for (int threads : new int[] {1, 3}) {
            try (WimFile f = WimFile.open(wim).decodeThreads(threads)) {
                assertTrue(f.blobs().stream().anyMatch(b -> (b.flags() & 0x10) != 0), "blobs are in a solid resource");
                // read order follows the bytes of the solid resource (BlobInfo.offset is the offset in it)
                var order = f.readOrder();
                java.util.Set<Sha1> ours = new java.util.HashSet<>();
                files.forEach(b -> ours.add(Sha1.digest(b)));
                List<BlobInfo> data = f.blobs().stream().filter(b -> ours.contains(b.hash()))
                        .sorted(Comparator.comparingLong(b -> order.applyAsLong(b.hash()))).toList();
                for (int i = 1; i < data.size(); i++) {
                    assertTrue(data.get(i - 1).offset() < data.get(i).offset(), "read order at " + i);
                }
                ExecutorService readers = Executors.newFixedThreadPool(4);
                try {
                    List<Future<?>> done = new ArrayList<>();
                    for (byte[] expected : files) {
                        done.add(readers.submit(() -> {
                            try (InputStream in = f.openBlob(Sha1.digest(expected))) {
                                assertArrayEquals(expected, readAll(in));
                            }
                            return null;
                        }));
                    }
                    for (Future<?> d : done) {
                        d.get();
                    }
                } finally {
                    readers.shutdownNow();
                }
            }
        }
    }

    /** That closing cancels the queued read-ahead is ReadAheadPolicyTest's to check. */
    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"LZX"})
    void closingMidStreamIsCleanAndClosingTheFileFailsItsOpenStreams(CompressionType type) throws IOException {
        Path wim = write(type, data(3_000_000, 3));
        WimFile f = WimFile.open(wim).decodeThreads(2);
        BlobInfo big = largest(f);
        try (InputStream in = f.openBlob(big.hash())) {
            assertEquals(100_000, in.readNBytes(100_000).length);
        }
        InputStream open = f.openBlob(big.hash());
        f.close();
        assertThrows(IOException.class, () -> readAll(open));
    }
}
