package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TreeSnapshot;
import org.jwim.wim.BlobInfo;
import org.jwim.wim.WimFile;

/** wimlib's {@code --compress=TYPE:LEVEL}: 50 is today's output, other levels trade time for size. */
class CompressionLevelTest {
    @TempDir
    Path tmp;

    /** Word soup: compressible, with matches at every distance and length. */
    private Path textTree() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src"));
        String[] words = ("the of and to in is that for it as was with be by on not he this are or his from"
                + " at which but have an they you were her she there been one all we their has would when"
                + " compression window offset literal match huffman symbol block chunk resource").split(" ");
        Random r = new Random(42);
        for (int f = 0; f < 3; f++) {
            StringBuilder sb = new StringBuilder();
            while (sb.length() < 300_000) {
                sb.append(words[r.nextInt(words.length)]).append(r.nextInt(9) == 0 ? ".\n" : " ");
                if (r.nextInt(50) == 0) {
                    sb.append(r.nextInt(1_000_000)).append(' ');
                }
            }
            Files.writeString(src.resolve("text" + f + ".txt"), sb, StandardCharsets.UTF_8);
        }
        return src;
    }

    /**
     * The WIM's file resources: its bytes between the header (whose GUID is random) and the
     * first metadata resource (which holds access times the capture itself changes).
     */
    private static byte[] resources(Path wim) throws IOException {
        long end;
        try (WimFile w = WimFile.open(wim)) {
            end = w.blobs().stream().filter(BlobInfo::metadata).mapToLong(BlobInfo::offset).min().orElseThrow();
        }
        byte[] all = Files.readAllBytes(wim);
        return Arrays.copyOfRange(all, 0xD0, (int) end);
    }

    /** The bytes the file blobs (not the metadata) take in the WIM. */
    private static long storedBlobBytes(Path wim) throws IOException {
        try (WimFile w = WimFile.open(wim)) {
            return w.blobs().stream().filter(b -> !b.metadata()).mapToLong(BlobInfo::storedSize).sum();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lzx", "xpress"})
    void level50IsTheDefaultByteForByte(String type) throws IOException {
        Path src = textTree();
        Path plain = tmp.resolve("plain.wim");
        Path fifty = tmp.resolve("fifty.wim");
        Jwim.ok("capture", src, plain, "--compress=" + type);
        Jwim.ok("capture", src, fifty, "--compress=" + type + ":50");
        assertArrayEquals(resources(plain), resources(fifty));
        if (type.equals("lzx")) {
            Path none = tmp.resolve("default.wim");
            Jwim.ok("capture", src, none);
            assertArrayEquals(resources(plain), resources(none), "no --compress is lzx:50");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lzx", "xpress"})
    void levelsTradeSizeAndWimlibReadsEveryOne(String type) throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path src = textTree();
        long[] sizes = new long[3];
        int[] levels = {10, 50, 100};
        for (int i = 0; i < levels.length; i++) {
            Path wim = tmp.resolve(type + levels[i] + ".wim");
            Jwim.ok("capture", src, wim, "--compress=" + type + ":" + levels[i], "--threads", "1");
            sizes[i] = resources(wim).length;
            String verify = OracleTools.run(tmp, "wimlib-imagex", "verify", wim.toString());
            assertTrue(verify.contains("successfully verified"), verify);
            Path out = tmp.resolve("out" + levels[i]);
            OracleTools.run(tmp, "wimlib-imagex", "apply", wim.toString(), "1", out.toString());
            assertEquals(TreeSnapshot.of(src, false), TreeSnapshot.of(out, false));
        }
        assertTrue(sizes[0] > sizes[1] && sizes[1] > sizes[2], type + " sizes at 10, 50, 100: " + Arrays.toString(sizes));
    }

    @Test
    void appendAndOptimizeTakeALevel() throws Exception {
        Path src = textTree();
        Path wim = tmp.resolve("a.wim");
        Jwim.ok("capture", src, wim, "one", "--compress=lzx:20");
        Jwim.ok("append", src, wim, "two", "--compress=lzx:100");
        Path fresh = tmp.resolve("fresh.wim");
        Jwim.ok("capture", src, fresh, "--compress=lzx:100");
        assertTrue(storedBlobBytes(wim) > storedBlobBytes(fresh), "the level-20 blobs are not smaller");
        Jwim.ok("optimize", wim, "--compress=lzx:100");
        // the blobs stored at level 20 are recompressed at 100, as wimlib's --compress implies --recompress
        assertEquals(storedBlobBytes(fresh), storedBlobBytes(wim));
        Jwim.ok("verify", wim);
    }

    @Test
    void captureDiskTakesALevel() throws Exception {
        Path src = textTree();
        Path img = org.jwim.capture.testing.ApplyFixtures.bareFat(tmp.resolve("fat.img"), "32", 40);
        org.jwim.capture.testing.ApplyFixtures.mtools("mcopy", "-i", img.toString(), src.resolve("text0.txt").toString(), "::/");
        long[] sizes = new long[2];
        String[] levels = {"lzx:10", "lzx:100"};
        for (int i = 0; i < 2; i++) {
            Path wim = tmp.resolve("disk" + i + ".wim");
            Jwim.ok("capture-disk", img, wim, "--compress=" + levels[i], "--threads", "1");
            Jwim.ok("verify", wim);
            sizes[i] = resources(wim).length;
        }
        assertTrue(sizes[0] > sizes[1], "lzx:10 against lzx:100: " + Arrays.toString(sizes));
        Jwim.Result bad = Jwim.run("capture-disk", img, tmp.resolve("bad.wim"), "--compress=lzx:0");
        assertEquals(Main.USAGE, bad.exit(), bad.toString());
    }

    @Test
    void aBadLevelIsAUsageError() throws IOException {
        Path src = textTree();
        for (String bad : new String[] {"lzx:0", "lzx:-3", "lzx:high", "xpress:", "zstd:80", "lz4:10"}) {
            Path wim = tmp.resolve("bad.wim");
            Jwim.Result r = Jwim.run("capture", src, wim, "--compress=" + bad);
            assertEquals(Main.USAGE, r.exit(), bad + ": " + r);
            assertTrue(r.err().contains("--compress=" + bad) || r.err().contains("takes no level"), r.err());
            assertFalse(Files.exists(wim));
        }
    }
}
