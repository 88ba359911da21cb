package org.jwim.ntfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jwim.ntfs.write.NtfsData;
import org.jwim.ntfs.write.NtfsGeometry;
import org.jwim.ntfs.write.NtfsMeta;
import org.jwim.ntfs.write.NtfsNode;
import org.jwim.ntfs.write.NtfsWriter;
import org.jwim.ntfs.write.UpCase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Volumes written by {@link NtfsWriter} checked by the real tools: {@code ntfsfix -n} finds
 * nothing to fix, ntfs-3g mounts them and reads every file with the bytes written, and jwim's
 * reader agrees.
 */
class NtfsWriterOracleTest {
    private static final long T = 133_000_000_000_000_000L;

    @TempDir
    Path tmp;

    static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            b[i] = (byte) x;
        }
        return b;
    }

    private static void write(NtfsData d, byte[] bytes) throws Exception {
        for (int p = 0; p < bytes.length; p += 65536) {
            d.write(bytes, p, Math.min(65536, bytes.length - p));
        }
    }

    @ParameterizedTest
    @CsvSource({"16, 512", "16, 4096", "64, 65536", "1024, 2097152"})
    void blankAndPopulatedVolumesAreCleanForNtfs3g(int mib, int cluster) throws Exception {
        OracleTools.requireTool("ntfsfix");
        OracleTools.requireTool("ntfsls");
        OracleTools.requireTool("ntfscat");
        OracleTools.requireTool("ntfs-3g");
        OracleTools.requireRootAndFuse();
        Path img = tmp.resolve("v.img");
        Map<String, byte[]> files = new TreeMap<>(); // path -> content of every file written
        byte[] sp = new byte[1 << 20];
        System.arraycopy(pattern(1000, 3), 0, sp, 700_000, 1000);
        long len = (long) mib << 20;
        byte[] text = new byte[300_000];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) ("compressible text " + (i / 977)).charAt(i % 18);
        }
        System.arraycopy(pattern(5000, 4), 0, text, 100_000, 5000);
        byte[] checker = new byte[600 * cluster];
        for (int c = 0; c < 600; c += 2) {
            System.arraycopy(pattern(cluster, c), 0, checker, c * cluster, cluster);
        }
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.wrap(new byte[1]), len - 1);
            NtfsWriter w = NtfsWriter.create(ch, 0, NtfsGeometry.defaults(len, cluster, "JWIM"), UpCase.generate());
            w.markBad(200, 2);
            w.markBad(40, 1);
            NtfsNode dir = w.createDirectory(w.root(), "Program Files", "PROGRA~1", NtfsMeta.of(0x10, T));
            NtfsNode small = w.createFile(dir, "small.txt", null, NtfsMeta.of(0x20, T));
            write(w.addStream(small, "", 11, false), "hello world".getBytes());
            files.put("Program Files/small.txt", "hello world".getBytes());
            NtfsNode big = w.createFile(w.root(), "big.bin", null, NtfsMeta.of(0x20, T));
            write(w.addStream(big, "", 300_000, false), pattern(300_000, 1));
            files.put("big.bin", pattern(300_000, 1));
            files.put("Program Files/big-link.bin", pattern(300_000, 1));
            write(w.addStream(big, "ads", 5000, false), pattern(5000, 2));
            w.link(dir, "big-link.bin", null, big);
            NtfsNode sparse = w.createFile(w.root(), "sparse.bin", null, NtfsMeta.of(0x220, T));
            write(w.addStream(sparse, "", sp.length, true), sp);
            files.put("sparse.bin", sp);
            // 600 clusters alternating data and hole: a run list longer than one MFT record
            NtfsNode board = w.createFile(w.root(), "checkerboard.bin", null, NtfsMeta.of(0x220, T));
            write(w.addStream(board, "", checker.length, true), checker);
            files.put("checkerboard.bin", checker);
            NtfsNode comp = w.createFile(w.root(), "compressed.txt", null, NtfsMeta.of(0x820, T));
            write(w.addCompressedStream(comp, "", text.length), text);
            files.put("compressed.txt", text);
            NtfsNode many = w.createDirectory(w.root(), "many", null, NtfsMeta.of(0x10, T));
            for (int i = 0; i < 600; i++) {
                NtfsNode f = w.createFile(many, "entry-number-" + i + ".dat", null, NtfsMeta.of(0x20, T));
                byte[] four = ("f" + (i % 1000 + 100)).substring(0, 4).getBytes();
                write(w.addStream(f, "", 4, false), four);
                files.put("many/entry-number-" + i + ".dat", four);
            }
            List<String> emptied = w.finish();
            assertEquals(List.of(), emptied);
        }
        String fix = OracleTools.run("ntfsfix", "-n", img.toString());
        assertTrue(fix.contains("processed successfully"), fix);
        String ls = OracleTools.run("ntfsls", "-a", img.toString());
        assertTrue(ls.contains("Program Files") && ls.contains("big.bin"), ls);
        assertEquals(600, OracleTools.run("ntfsls", img.toString(), "-p", "/many").lines().filter(s -> s.startsWith("entry-number-")).count());
        assertArrayEquals(pattern(300_000, 1), cat(img, "/Program Files/big-link.bin"));
        assertEquals("hello world", new String(cat(img, "/Program Files/small.txt")));
        assertArrayEquals(sp, cat(img, "/sparse.bin"));
        assertArrayEquals(checker, cat(img, "/checkerboard.bin"));
        assertArrayEquals(text, cat(img, "/compressed.txt"));
        assertEquals("f150", new String(cat(img, "/many/entry-number-50.dat")));
        assertEquals(hashes(files), hashes(readThroughNtfs3g(img)), "every file read through an ntfs-3g mount");
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ)) {
            List<String> warnings = new ArrayList<>();
            NtfsVolume v = NtfsVolume.open(ch, 0, ch.size(), w -> warnings.add(w.toString()));
            assertEquals(List.of(), warnings);
            assertEquals("JWIM", v.label());
            NtfsFile bigFile = null;
            for (NtfsDirEntry e : v.list(v.root())) {
                if (e.name().equals("big.bin")) {
                    bigFile = e.file();
                }
            }
            assertEquals(2, bigFile.linkCount());
            List<NtfsExtent> bad = v.file(8).stream("$Bad").extents().stream().filter(x -> !x.isHole()).toList();
            assertEquals(List.of(new NtfsExtent(40L * cluster, cluster), new NtfsExtent(200L * cluster, 2L * cluster)), bad);
            for (NtfsExtent x : bigFile.stream("").extents()) {
                assertTrue(x.physicalOffset() + x.length() <= 40L * cluster || x.physicalOffset() >= 41L * cluster,
                        "no data on a bad cluster");
            }
            NtfsFile compFile = v.list(v.root()).stream().filter(e -> e.name().equals("compressed.txt")).findFirst()
                    .orElseThrow().file();
            assertEquals(cluster <= 4096, compFile.stream("").isCompressed());
            try (InputStream in = compFile.stream("").open()) {
                assertArrayEquals(text, in.readAllBytes());
            }
            try (InputStream in = bigFile.stream("ads").open()) {
                assertArrayEquals(pattern(5000, 2), in.readAllBytes());
            }
        }
    }

    /** ntfs-3g can modify what the writer wrote: insert into and remove from its B-trees, grow $MFT. */
    @ParameterizedTest
    @CsvSource({"4096", "65536"})
    void ntfs3gModifiesAWrittenVolumeCleanly(int cluster) throws Exception {
        OracleTools.requireTool("ntfs-3g");
        OracleTools.requireTool("ntfsfix");
        OracleTools.requireRootAndFuse();
        Path img = tmp.resolve("m.img");
        long len = 64L << 20;
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[1]), len - 1);
            NtfsWriter w = NtfsWriter.create(ch, 0, NtfsGeometry.defaults(len, cluster, "M"), UpCase.generate());
            NtfsNode many = w.createDirectory(w.root(), "many", null, NtfsMeta.of(0x10, T));
            for (int i = 0; i < 1500; i++) {
                NtfsNode f = w.createFile(many, "file-" + i, null, NtfsMeta.of(0x20, T));
                write(w.addStream(f, "", 3, false), "abc".getBytes());
            }
            w.finish();
        }
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        OracleTools.run("ntfs-3g", img.toString(), mnt.toString());
        try {
            for (int i = 0; i < 300; i++) {
                Files.write(mnt.resolve("many/new-" + i), pattern(5000, i));
                Files.delete(mnt.resolve("many/file-" + (i * 5)));
            }
            Files.createDirectories(mnt.resolve("newdir/sub"));
            Files.write(mnt.resolve("newdir/sub/x.bin"), pattern(3 << 20, 9));
        } finally {
            OracleTools.run("umount", mnt.toString());
        }
        String fix = OracleTools.run("ntfsfix", "-n", img.toString());
        assertTrue(fix.contains("processed successfully"), fix);
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ)) {
            List<String> warnings = new ArrayList<>();
            NtfsVolume v = NtfsVolume.open(ch, 0, ch.size(), w -> warnings.add(w.toString()));
            assertEquals(List.of(), warnings);
            NtfsFile many = v.list(v.root()).stream().filter(e -> e.name().equals("many")).findFirst().orElseThrow().file();
            assertEquals(1500, v.list(many).size());
        }
        assertArrayEquals(pattern(5000, 299), cat(img, "/many/new-299"));
        assertArrayEquals(pattern(3 << 20, 9), cat(img, "/newdir/sub/x.bin"));
    }

    /** Relative path -> content of every regular file, read through a read-only ntfs-3g mount. */
    private Map<String, byte[]> readThroughNtfs3g(Path img) throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("ro"));
        OracleTools.run("ntfs-3g", "-o", "ro", img.toString(), mnt.toString());
        Map<String, byte[]> out = new TreeMap<>();
        try (var s = Files.walk(mnt)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(mnt.relativize(p).toString(), Files.readAllBytes(p));
            }
        } finally {
            OracleTools.run("umount", mnt.toString());
        }
        return out;
    }

    private static Map<String, String> hashes(Map<String, byte[]> files) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (var e : files.entrySet()) {
            out.put(e.getKey(), java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(e.getValue())));
        }
        return out;
    }

    private static byte[] cat(Path img, String path) throws Exception {
        Process p = new ProcessBuilder("ntfscat", img.toString(), path).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), "ntfscat " + path);
        return out;
    }
}
