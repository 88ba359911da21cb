package org.jwim.wim.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.wim.CompressionType;
import org.jwim.wim.OracleTools;

/**
 * Decodes every chunk of WIMs written by wimlib-imagex (XPRESS, non-solid LZMS, solid LZMS with
 * 64 MiB and smaller chunks) with jwim's decoders and checks every blob's SHA-1.
 */
class WimlibInteropTest {
    @TempDir
    static Path tmp;
    static Path src;

    @BeforeAll
    static void makeFiles() throws Exception {
        src = Files.createDirectory(tmp.resolve("src"));
        Files.write(src.resolve("text.txt"), TestData.text(1, 300_000));
        Files.write(src.resolve("code.bin"), TestData.x86(2, 400_000));
        Files.write(src.resolve("zeros.bin"), new byte[100_000]);
        Files.write(src.resolve("random.bin"), TestData.random(3, 70_000));
        Files.write(src.resolve("samples.bin"), TestData.samples(4, 200_000));
        Files.write(src.resolve("mixed.bin"), TestData.mixed(5, 500_000));
        Path sub = Files.createDirectory(src.resolve("small"));
        for (int n = 1; n <= 100; n += 11) {
            Files.write(sub.resolve("t" + n), TestData.text(n, n));
        }
        Path ls = Path.of("/bin/ls"); // real x86 code when the build runs on x86
        if (Files.isRegularFile(ls)) {
            Files.copy(ls, src.resolve("ls.bin"));
        }
    }

    private static WimChunkExtractor.Result capture(String name, String... options) throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path wim = tmp.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("wimlib-imagex", "capture", src.toString(),
                wim.toString(), "img"));
        cmd.addAll(List.of(options));
        run(cmd);
        WimChunkExtractor.Result r = WimChunkExtractor.verify(Files.readAllBytes(wim));
        assertTrue(r.blobs() >= 15, "blobs: " + r.blobs());
        assertTrue(r.compressedChunks() > 0, "no compressed chunk in " + name);
        return r;
    }

    /** Runs a tool; a non-zero exit becomes an AssertionError carrying its output. */
    private static void run(List<String> cmd) throws Exception {
        OracleTools.Result r = OracleTools.run(null, cmd.toArray(new String[0]));
        if (r.exitCode() != 0) {
            throw new AssertionError(cmd + " exited with " + r.exitCode() + ":\n" + r.stdout()
                    + r.stderr());
        }
    }

    private static long count(WimChunkExtractor.Result r, CompressionType t, int chunkSize) {
        return r.chunks().stream().filter(c -> c.type() == t && !c.raw()
                && (chunkSize == 0 || c.chunkSize() == chunkSize)).count();
    }

    @Test
    void xpressDefaultChunks() throws Exception {
        WimChunkExtractor.Result r = capture("x.wim", "--compress=fast");
        assertTrue(count(r, CompressionType.XPRESS, 32768) > 40);
    }

    @Test
    void xpressSmallAndLargeChunks() throws Exception {
        assertTrue(count(capture("x4.wim", "--compress=fast", "--chunk-size=4096"),
                CompressionType.XPRESS, 4096) > 300);
        assertTrue(count(capture("x64.wim", "--compress=fast", "--chunk-size=65536"),
                CompressionType.XPRESS, 65536) > 20);
    }

    @Test
    void lzmsNonSolid() throws Exception {
        WimChunkExtractor.Result r = capture("l.wim", "--compress=lzms");
        assertTrue(count(r, CompressionType.LZMS, 131072) > 10);
    }

    @Test
    void lzmsSolidDefault64MiB() throws Exception {
        WimChunkExtractor.Result r = capture("s.wim", "--solid");
        assertEquals(1, count(r, CompressionType.LZMS, 64 << 20));
    }

    @Test
    void lzmsSolidSmallChunks() throws Exception {
        WimChunkExtractor.Result r = capture("s64k.wim", "--solid", "--solid-chunk-size=65536");
        assertTrue(count(r, CompressionType.LZMS, 65536) > 20);
        WimChunkExtractor.Result r2 = capture("s1m.wim", "--solid", "--solid-chunk-size=1048576");
        assertTrue(count(r2, CompressionType.LZMS, 1 << 20) >= 2);
    }

    @Test
    void xpressSolid() throws Exception {
        WimChunkExtractor.Result r = capture("sx.wim", "--solid", "--solid-compress=xpress");
        assertTrue(count(r, CompressionType.XPRESS, 0) > 20);
    }

    /**
     * The other direction: every XPRESS file resource of a wimlib WIM is re-encoded by jwim's
     * compressor; wimlib-imagex must verify the patched WIM and extract identical files.
     */
    @Test
    void wimlibDecodesOurXpressChunks() throws Exception {
        for (int chunk : new int[] {4096, 32768, 65536}) {
            WimChunkExtractor.Result r = capture("ours" + chunk + ".wim", "--compress=fast",
                    "--chunk-size=" + chunk);
            assertTrue(r.compressedChunks() > 0);
            int[] counts = new int[1];
            byte[] patched = WimChunkExtractor.reencode(
                    Files.readAllBytes(tmp.resolve("ours" + chunk + ".wim")),
                    Codecs.compressor(CompressionType.XPRESS, chunk), counts);
            assertTrue(counts[0] > 20, "chunks re-encoded: " + counts[0]);
            Path wim = tmp.resolve("patched" + chunk + ".wim");
            Files.write(wim, patched);
            WimChunkExtractor.verify(patched);
            run(List.of("wimlib-imagex", "verify", wim.toString()));
            if (chunk == 32768) { // control: wimlib really reads the appended chunks
                byte[] broken = patched.clone();
                int original = Files.readAllBytes(tmp.resolve("ours" + chunk + ".wim")).length;
                for (int i = original + 300; i < broken.length; i += 997) {
                    broken[i] ^= 0x5A;
                }
                Path bad = tmp.resolve("broken.wim");
                Files.write(bad, broken);
                assertThrows(AssertionError.class,
                        () -> run(List.of("wimlib-imagex", "verify", bad.toString())));
            }
            Path dst = tmp.resolve("apply" + chunk);
            run(List.of("wimlib-imagex", "apply", wim.toString(), "1", dst.toString()));
            try (var files = Files.walk(src)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    Path g = dst.resolve(src.relativize(f).toString());
                    assertTrue(java.util.Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(g)),
                            "extracted " + g + " differs");
                }
            }
        }
    }
}
