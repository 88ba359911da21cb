package org.jwim.fat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import org.jwim.fat.write.EntryMeta;
import org.jwim.fat.write.FatDirectory;
import org.jwim.fat.write.FatFile;
import org.jwim.fat.write.FatVolumeFullException;
import org.jwim.fat.write.FatWriter;
import org.jwim.fat.write.WipeResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * FatWriter against the real tools: a volume made by mkfs.fat and filled by mtools is wiped
 * (keeping _SMSTaskSequence) and rewritten; fsck.fat -n must find nothing, mtools must read
 * back every name and byte, and the protected folder must be unchanged.
 */
class FatWriterTest {
    @TempDir
    Path tmp;

    private static final LocalDateTime T = LocalDateTime.of(2024, 5, 17, 13, 45, 31, 370_000_000);

    private Path makeVolume(String fatBits, int mib, long pad) throws Exception {
        OracleTools.requireTool("mkfs.fat");
        OracleTools.requireTool("fsck.fat");
        OracleTools.requireTool("mcopy");
        Path img = tmp.resolve("vol" + fatBits + ".img");
        run("truncate", "-s", mib + "M", img.toString());
        run("mkfs.fat", "-F", fatBits, "-n", "TESTVOL", img.toString());
        Path src = tmp.resolve("old");
        Files.createDirectories(src.resolve("Old Folder/deep"));
        Files.writeString(src.resolve("Old Folder/deep/old.txt"), "old content\n");
        Files.write(src.resolve("oldbig.bin"), random(200_000, 1));
        Path prot = src.resolve("_SMSTaskSequence");
        Files.createDirectories(prot.resolve("StateStore"));
        Files.write(prot.resolve("StateStore/usmt.mig"), random(50_000, 2));
        Files.writeString(prot.resolve("TSEnv.dat"), "environment\n");
        run("mcopy", "-s", "-i", img.toString(), src.resolve("Old Folder").toString(),
                src.resolve("oldbig.bin").toString(), prot.toString(), "::/");
        if (pad > 0) { // embed the volume at an offset, with sentinels around it
            Path disk = tmp.resolve("disk" + fatBits + ".img");
            byte[] vol = Files.readAllBytes(img);
            byte[] all = new byte[(int) (pad + vol.length + pad)];
            java.util.Arrays.fill(all, (byte) 0x5A);
            System.arraycopy(vol, 0, all, (int) pad, vol.length);
            Files.write(disk, all);
            return disk;
        }
        return img;
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "16", "32"})
    void wipeAndWriteIsCleanAndReadable(String bits) throws Exception {
        int mib = bits.equals("12") ? 2 : bits.equals("16") ? 20 : 40;
        long pad = 1 << 20;
        Path disk = makeVolume(bits, mib, pad);
        long volLen = (long) mib << 20;
        Path volOnly = tmp.resolve("before.img");
        extract(disk, pad, volLen, volOnly);
        byte[] protBefore = mtoolsTree(volOnly, "_SMSTaskSequence", "pbefore");

        byte[] big = random(bits.equals("12") ? 300_000 : 3_000_000, 7);
        try (FileChannel ch = FileChannel.open(disk, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FatWriter w = FatWriter.open(ch, pad, volLen, List.of("_smstasksequence"))) {
            WipeResult r = w.wipeResult();
            assertEquals(List.of("_SMSTaskSequence"), r.kept());
            assertTrue(r.removed().containsAll(List.of("Old Folder", "oldbig.bin")), r.removed().toString());
            EntryMeta m = new EntryMeta(0x20, T, T, T);
            FatDirectory d = w.mkdir(w.root(), "EFI", new EntryMeta(0, T, T, T));
            FatDirectory boot = w.mkdir(d, "Boot", m);
            write(w.createFile(boot, "bootx64.efi", 5, m), "hello".getBytes(StandardCharsets.US_ASCII));
            write(w.createFile(w.root(), "A Long File Name.txt", big.length, m), big);
            write(w.createFile(w.root(), "A Long File Name 2.txt", 3, new EntryMeta(0x21, T, T, T)), "two".getBytes());
            write(w.createFile(w.root(), "Ünïcødé名前.txt", 4, m), "utf8".getBytes());
            w.createFile(w.root(), "empty", 0, m);
            write(w.createFile(w.root(), "MixedCase.Txt", 1, m), "x".getBytes());
            assertThrows(IllegalArgumentException.class, () -> w.createFile(w.root(), "_SMSTASKSEQUENCE", 1, m));
            assertThrows(IllegalArgumentException.class, () -> w.createFile(w.root(), "_SMSTA~1", 1, m));
            assertThrows(IllegalArgumentException.class, () -> w.createFile(w.root(), "..", 1, m));
            assertThrows(IllegalArgumentException.class, () -> w.createFile(w.root(), "a/b", 1, m));
            FatDirectory many = w.mkdir(w.root(), "many", m);
            for (int i = 0; i < 150; i++) {
                write(w.createFile(many, "file number " + i + ".dat", 10, m), String.format("data%06d", i).getBytes());
            }
        }
        byte[] sentinel = Files.readAllBytes(disk);
        for (int i = 0; i < pad; i++) {
            if (sentinel[i] != 0x5A || sentinel[(int) (pad + volLen + i)] != 0x5A) {
                throw new AssertionError("byte outside the volume changed at " + i);
            }
        }
        Path after = tmp.resolve("after.img");
        extract(disk, pad, volLen, after);
        OracleTools.run(List.of("fsck.fat", "-n", after.toString()));
        assertArrayEquals(protBefore, mtoolsTree(after, "_SMSTaskSequence", "pafter"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        OracleTools.run(List.of("mcopy", "-s", "-n", "-m", "-i", after.toString(), "::/*", out.toString()));
        assertArrayEquals(big, Files.readAllBytes(out.resolve("A Long File Name.txt")));
        assertEquals("hello", Files.readString(out.resolve("EFI/Boot/bootx64.efi")));
        assertEquals("utf8", Files.readString(out.resolve("Ünïcødé名前.txt")));
        assertEquals(0, Files.size(out.resolve("empty")));
        assertEquals(150, Files.list(out.resolve("many")).count());
        assertFalse(Files.exists(out.resolve("Old Folder")));
        assertFalse(Files.exists(out.resolve("oldbig.bin")));
        String dir = OracleTools.run(List.of("mdir", "-i", after.toString(), "::/"));
        assertTrue(dir.contains("ALONGF~1 TXT"), dir);
        assertTrue(dir.contains("ALONGF~2 TXT"), dir);
        String bootDir = OracleTools.run(List.of("mdir", "-i", after.toString(), "::/EFI/Boot"));
        assertTrue(bootDir.contains("bootx64  efi         5"), bootDir);
        assertTrue(dir.contains("2024-05-17  13:45"), dir);
        // the reader sees the same names, times and attributes
        try (FileChannel ch = FileChannel.open(after)) {
            FatVolume v = FatVolume.open(ch, 0, volLen);
            FatEntry f = v.list(v.root()).stream().filter(e -> e.longName().equals("A Long File Name 2.txt"))
                    .findFirst().orElseThrow();
            assertEquals(0x21, f.attributes());
            assertEquals(T.withNano(370_000_000), f.creationTime());
            assertEquals(T.withSecond(30).withNano(0), f.lastWriteTime());
            FatEntry boot = v.list(v.list(v.list(v.root()).stream().filter(e -> e.longName().equals("EFI"))
                    .findFirst().orElseThrow()).get(0)).get(0);
            assertEquals("bootx64.efi", boot.longName());
            assertFalse(boot.hasDistinctShortName(), "lower-case 8.3 name needs no LFN (NT flags)");
        }
    }

    @Test
    void fullVolumeIsRefusedNamingTheFileAndLeavesACleanVolume() throws Exception {
        Path img = makeVolume("16", 20, 0);
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FatWriter w = FatWriter.open(ch, 0, 20L << 20, List.of("_SMSTaskSequence"))) {
            write(w.createFile(w.root(), "fits.bin", 1_000_000, EntryMeta.plain()), random(1_000_000, 3));
            FatVolumeFullException e = assertThrows(FatVolumeFullException.class,
                    () -> w.createFile(w.root(), "too big.bin", 30L << 20, EntryMeta.plain()));
            assertEquals("/too big.bin", e.path());
            assertTrue(e.getMessage().contains("/too big.bin"), e.getMessage());
        }
        OracleTools.run(List.of("fsck.fat", "-n", img.toString()));
        String dir = OracleTools.run(List.of("mdir", "-i", img.toString(), "::/"));
        assertTrue(dir.contains("fits     bin   1000000"), dir);
        assertFalse(dir.contains("too big"), dir);
    }

    private static void write(FatFile f, byte[] data) throws IOException {
        // in two pieces, the second first: data may arrive in any order
        int half = data.length / 2;
        f.write(half, data, half, data.length - half);
        f.write(0, data, 0, half);
    }

    private byte[] mtoolsTree(Path img, String dir, String to) throws Exception {
        Path out = tmp.resolve(to);
        Files.createDirectories(out);
        OracleTools.run(List.of("mcopy", "-s", "-n", "-m", "-i", img.toString(), "::/" + dir, out.toString()));
        StringBuilder sb = new StringBuilder();
        try (var s = Files.walk(out)) {
            for (Path p : s.sorted().toList()) {
                sb.append(out.relativize(p)).append('\n');
                if (Files.isRegularFile(p)) {
                    sb.append(java.util.HexFormat.of().formatHex(Files.readAllBytes(p))).append('\n');
                }
            }
        }
        for (String line : OracleTools.run(List.of("mdir", "-/", "-i", img.toString(), "::/" + dir)).split("\n")) {
            if (!line.contains("bytes free")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void extract(Path disk, long pad, long len, Path to) throws IOException {
        byte[] all = Files.readAllBytes(disk);
        Files.write(to, java.util.Arrays.copyOfRange(all, (int) pad, (int) (pad + len)));
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static void run(String... cmd) throws Exception {
        OracleTools.run(List.of(cmd));
    }
}
