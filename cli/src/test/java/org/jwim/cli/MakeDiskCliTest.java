package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jwim.capture.testing.TestTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jwim make-disk}: the UEFI and BIOS layouts from a WIM, and a custom layout from
 * directories; {@code jwim capture-disk} of each built disk gives the sources back.
 */
class MakeDiskCliTest {
    @TempDir
    Path tmp;

    private Path twoImageWim() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a/EFI/Boot"));
        Files.writeString(a.resolve("bootx64.txt"), "no boot code here");
        Path b = Files.createDirectories(tmp.resolve("b/Windows/System32"));
        Files.write(b.resolve("big.bin"), TestTrees.pattern(TestTrees.BIG_SIZE, 5));
        Files.writeString(tmp.resolve("b/Ünïcödé.txt"), "u");
        Path wim = tmp.resolve("src.wim");
        Jwim.ok("capture", tmp.resolve("a"), wim, "esp");
        Jwim.ok("append", tmp.resolve("b"), wim, "windows");
        return wim;
    }

    @Test
    void uefiAndBiosLayoutsCaptureBackToTheWimsImages() throws Exception {
        Path wim = twoImageWim();
        for (String layout : new String[] {"uefi", "bios"}) {
            Path disk = tmp.resolve(layout + ".img");
            Jwim.Result r = Jwim.ok("make-disk", wim, disk, "--layout", layout);
            assertTrue(r.out().contains("Wrote " + disk), r.out());
            Path cap = tmp.resolve(layout + ".wim");
            Jwim.ok("capture-disk", disk, cap);
            for (int i = 1; i <= 2; i++) {
                String want = Jwim.ok("dir", wim, i).out();
                String got = Jwim.ok("dir", cap, i).out().lines().filter(l -> !l.startsWith("/$")
                        && !l.startsWith("/System Volume Information")).reduce("", (x, y) -> x + y + "\n");
                assertEquals(want, got, layout + " image " + i);
            }
        }
    }

    @Test
    void fromDirBuildsACustomMbrLayout() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("d/sub"));
        Files.writeString(d.resolve("f.txt"), "x");
        Path disk = tmp.resolve("dirs.img");
        Jwim.ok("make-disk", disk, "--table", "mbr", "--from-dir", tmp.resolve("d") + ":fat32",
                "--from-dir", tmp.resolve("d") + ":ntfs:32M");
        Path cap = tmp.resolve("dirs.wim");
        Jwim.ok("capture-disk", disk, cap);
        assertEquals("/\n/sub\n/sub/f.txt\n", Jwim.ok("dir", cap, 1).out());
        assertTrue(Jwim.ok("dir", cap, 2).out().contains("/sub/f.txt\n"));
    }

    @Test
    void badSpecsAreUsageErrors() throws Exception {
        assertEquals(2, Jwim.run("make-disk", tmp.resolve("x.img")).exit());
        assertEquals(2, Jwim.run("make-disk", tmp.resolve("x.img"), "--from-dir", tmp + ":ext4").exit());
        assertEquals(2, Jwim.run("make-disk", tmp.resolve("x.img"), "--partition", "rest:ntfs").exit());
        Jwim.Result tooSmall = Jwim.run("make-disk", tmp.resolve("x.img"), "--size", "8M", "--partition", "rest:fat32");
        assertEquals(1, tooSmall.exit(), tooSmall.toString());
        assertTrue(tooSmall.err().contains("FAT32 volume needs at least 65525 clusters"), tooSmall.err());
        assertTrue(!Files.exists(tmp.resolve("x.img")));
    }
}
