package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TestTrees;
import org.jwim.wim.CompressionType;
import org.jwim.wim.compress.ChunkCompressor;
import org.jwim.wim.compress.Codecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WOF-compressed files (as CompactOS and {@code compact /EXE} leave them), made with ntfs-3g:
 * sparse unnamed stream, {@code WofCompressedData} written with jwim's XPRESS and LZX
 * compressors in WOF's chunk layout, reparse tag 0x80000017. By default jwim stores each as the
 * plain file (same listing as a plain twin); {@code --wof=keep} stores them raw, as wimlib does.
 */
class WofCaptureTest {
    private static final int[] CHUNK = {4096, 32768, 8192, 16384};

    @TempDir
    Path tmp;

    /** WofCompressedData: chunk end offsets (after the table), then chunks, raw when not smaller. */
    static byte[] wofStream(byte[] data, int algorithm) throws Exception {
        int cs = CHUNK[algorithm];
        ChunkCompressor c = Codecs.compressor(algorithm == 1 ? CompressionType.LZX : CompressionType.XPRESS, cs);
        int count = (data.length + cs - 1) / cs;
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        byte[] table = new byte[4 * Math.max(0, count - 1)];
        byte[] out = new byte[cs];
        for (int i = 0; i < count; i++) {
            int len = Math.min(cs, data.length - i * cs);
            int n = c.compress(data, i * cs, len, out, 0, len - 1);
            if (n == 0) {
                chunks.write(data, i * cs, len);
            } else {
                chunks.write(out, 0, n);
            }
            if (i + 1 < count) {
                int end = chunks.size();
                table[4 * i] = (byte) end;
                table[4 * i + 1] = (byte) (end >> 8);
                table[4 * i + 2] = (byte) (end >> 16);
                table[4 * i + 3] = (byte) (end >> 24);
            }
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(table);
        all.writeBytes(chunks.toByteArray());
        return all.toByteArray();
    }

    /** Text-like content with an incompressible stretch in the middle (stored raw). */
    private static byte[] content(int size, int seed) {
        if (seed == 6) {
            return TestTrees.pattern(size, seed);             // incompressible: every chunk stored raw
        }
        byte[] b = new byte[size];
        byte[] line = ("line of text number " + seed + " that compresses well\n").getBytes();
        for (int i = 0; i < size; i++) {
            b[i] = line[i % line.length];
        }
        byte[] noise = TestTrees.pattern(Math.min(size / 3, 20000), seed);
        System.arraycopy(noise, 0, b, size / 3, noise.length);
        return b;
    }

    @Test
    void wofFilesAreStoredAsPlainFilesOrKeptRaw() throws Exception {
        for (String tool : new String[] {"mkntfs", "ntfs-3g", "setfattr", "wimlib-imagex"}) {
            OracleTools.requireTool(tool);
        }
        OracleTools.requireRoot();
        Path img = tmp.resolve("wof.img");
        OracleTools.run(null, "truncate", "-s", "32M", img.toString());
        OracleTools.run(null, "mkntfs", "-F", "-q", "-f", img.toString());
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        // algorithm 0..3 = XPRESS4K, LZX32K, XPRESS8K, XPRESS16K; sizes across chunk boundaries
        int[][] files = {{0, 10000}, {1, 70000}, {2, 8192}, {3, 100001}, {0, 1}, {1, 32768 * 2 + 7}, {2, 20000}};
        OracleTools.run(null, "ntfs-3g", "-o", "streams_interface=windows", img.toString(), mnt.toString());
        try {
            for (int i = 0; i < files.length; i++) {
                byte[] data = content(files[i][1], i);
                Files.write(mnt.resolve("plain-" + i), data);
                Path wof = mnt.resolve("wof-" + i);
                try (RandomAccessFile f = new RandomAccessFile(wof.toFile(), "rw")) {
                    f.setLength(data.length);                 // sparse, the original size
                }
                Files.write(mnt.resolve("wof-" + i + ":WofCompressedData"), wofStream(data, files[i][0]));
                String rp = "1700008010000000" + "01000000" + "02000000" + "01000000"
                        + HexFormat.of().formatHex(new byte[] {(byte) files[i][0], 0, 0, 0});
                OracleTools.run(null, "setfattr", "-n", "system.ntfs_reparse_data", "-v", "0x" + rp, wof.toString());
            }
        } finally {
            OracleTools.run(null, "umount", mnt.toString());
        }
        Path wim = tmp.resolve("decoded.wim");
        Jwim.ok("capture", img, wim, "wof", "--compress=none");
        Map<String, List<String>> decoded = DetailedListing.parse(Jwim.ok("dir", wim, "1", "--detailed").out());
        for (int i = 0; i < files.length; i++) {
            assertEquals(withoutPathAndTimes(decoded.get(path("plain-" + i))), withoutPathAndTimes(decoded.get(path("wof-" + i))),
                    "wof-" + i + " is stored as its plain twin");
        }
        OracleTools.run(null, "wimlib-imagex", "verify", wim.toString());

        Path raw = tmp.resolve("raw.wim");
        Jwim.ok("capture", img, raw, "wof", "--compress=none", "--wof=keep");
        Path theirs = tmp.resolve("wimlib.wim");
        OracleTools.run(null, "wimlib-imagex", "capture", img.toString(), theirs.toString(), "--compress=none");
        Map<String, List<String>> kept = DetailedListing.parse(OracleTools.run(null, "wimlib-imagex", "dir",
                raw.toString(), "1", "--detailed"));
        Map<String, List<String>> wimlib = DetailedListing.parse(OracleTools.run(null, "wimlib-imagex", "dir",
                theirs.toString(), "1", "--detailed"));
        for (int i = 0; i < files.length; i++) {
            List<String> k = kept.get(path("wof-" + i));
            assertEquals(wimlib.get(path("wof-" + i)), k, "--wof=keep stores wof-" + i + " as wimlib does");
            assertTrue(k.contains("Reparse Tag         = 0x80000017") && k.toString().contains("WofCompressedData"), k.toString());
        }
    }

    private static String path(String name) {
        return "Full Path           = \"/" + name + "\"";
    }

    private static List<String> withoutPathAndTimes(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (!l.startsWith("Full Path") && !l.contains(" Time ") && !l.startsWith("Short Name")) {
                out.add(l);
            }
        }
        return out;
    }
}
