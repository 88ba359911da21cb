package org.jwim.wim.compress.lzx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jwim.wim.CompressionType;
import org.jwim.wim.OracleTools;
import org.jwim.wim.compress.ChunkDecompressor;
import org.jwim.wim.compress.Codecs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decodes every chunk of WIMs written by {@code wimlib-imagex capture --compress=lzx} with
 * jwim's LZX decoder and checks each blob's SHA-1; the data includes real x86 executables so
 * E8 translation and aligned-offset blocks occur. Each decoded chunk is also re-encoded with
 * jwim's encoder and decoded again.
 */
class LzxWimlibInteropTest {
    @TempDir
    static Path tmp;
    static Path src;

    @BeforeAll
    static void makeTree() throws Exception {
        src = Files.createDirectories(tmp.resolve("src"));
        Files.write(src.resolve("text.txt"), LzxTestData.text(300_000, 11));
        Files.write(src.resolve("zeros.bin"), new byte[100_000]);
        Files.write(src.resolve("random.bin"), LzxTestData.random(70_000, 12));
        Files.write(src.resolve("x86.bin"), LzxTestData.x86Like(120_000, 13));
        Files.write(src.resolve("one-chunk.txt"), LzxTestData.text(32768, 14));
        Files.write(src.resolve("one-chunk-plus-one.txt"), LzxTestData.text(32769, 15));
        Files.write(src.resolve("tiny.txt"), "tiny".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] bin = LzxTestData.usrBin(1_500_000);
        if (bin != null) {
            Files.write(src.resolve("usr-bin.elf"), bin);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {32768, 65536, 1048576})
    void decodesWimlibLzx(int chunkSize) throws Exception {
        Path wim = tmp.resolve("lzx-" + chunkSize + ".wim");
        OracleTools.ok(tmp, "wimlib-imagex", "capture", src.toString(), wim.toString(),
                "--compress=lzx", "--chunk-size=" + chunkSize, "--threads=1");
        byte[] file = Files.readAllBytes(wim);
        assertEquals(chunkSize, WimChunks.chunkSize(file));
        ChunkDecompressor d = Codecs.decompressor(CompressionType.LZX, chunkSize);
        LzxCompressor c = new LzxCompressor(chunkSize);
        byte[] comp = new byte[chunkSize];
        byte[] back = new byte[chunkSize];
        int[] blockTypes = new int[4];
        long theirs = 0;
        long mine = 0;
        List<WimChunks.Blob> blobs = WimChunks.blobs(file);
        int checked = 0;
        for (WimChunks.Blob b : blobs) {
            if (b.size() == 0) {
                continue;
            }
            byte[] data = WimChunks.read(file, b, chunkSize, d);
            assertArrayEquals(b.sha1(), WimChunks.sha1(data), "SHA-1 of blob at offset " + b.offset());
            checked++;
            if ((b.flags() & WimChunks.FLAG_COMPRESSED) == 0) {
                continue;
            }
            int pos = 0;
            for (WimChunks.Chunk ch : WimChunks.chunks(file, b, chunkSize)) {
                theirs += ch.storedSize();
                if (!ch.raw()) {
                    blockTypes[(file[ch.offset() + 1] & 0xFF) >>> 5]++;
                }
                int n = c.compress(data, pos, ch.size(), comp, 0, ch.size() - 1);
                if (n == 0) {
                    mine += ch.size();
                } else {
                    mine += n;
                    d.decompress(comp, 0, n, back, 0, ch.size());
                    assertTrue(Arrays.equals(back, 0, ch.size(), data, pos, pos + ch.size()),
                            "jwim round trip of chunk at " + pos);
                }
                pos += ch.size();
            }
        }
        assertTrue(checked >= 7, "blobs checked: " + checked);
        assertTrue(blockTypes[LzxConstants.BLOCK_VERBATIM] + blockTypes[LzxConstants.BLOCK_ALIGNED] > 0);
        if (Files.exists(src.resolve("usr-bin.elf"))) {
            assertTrue(blockTypes[LzxConstants.BLOCK_ALIGNED] > 0, "wimlib wrote aligned blocks for x86 code");
        }
        System.out.printf("LZX %d-byte chunks: wimlib %d bytes, jwim %d bytes (%.4f)%n",
                chunkSize, theirs, mine, (double) mine / theirs);
        assertTrue(mine < theirs * 1.10, "jwim LZX within 10% of wimlib: " + mine + " vs " + theirs);
    }
}
