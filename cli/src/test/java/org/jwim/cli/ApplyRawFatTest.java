package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.testing.ApplyFixtures;
import org.jwim.capture.testing.TestTrees;

/**
 * {@code jwim apply WIM 1 fat.img}: a raw FAT volume image is a target as it is a capture
 * source; it is wiped except {@code _SMSTaskSequence}, then holds the image (checked with
 * mtools and fsck.fat).
 */
class ApplyRawFatTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "FAT{0}")
    @ValueSource(strings = {"32", "16"})
    void applyWritesTheImageOntoARawFatVolume(String bits) throws Exception {
        Path img = ApplyFixtures.bareFat(tmp.resolve("fat.img"), bits, 64);
        Path old = Files.createDirectories(tmp.resolve("old/_SMSTaskSequence"));
        Files.writeString(old.resolve("keep.txt"), "kept");
        Files.writeString(tmp.resolve("old/gone.txt"), "wiped");
        ApplyFixtures.mtools("mcopy", "-s", "-i", img.toString(), old.toString(), tmp.resolve("old/gone.txt").toString(), "::/");

        Path src = tmp.resolve("src");
        Files.createDirectories(src.resolve("sub/deeper"));
        Files.writeString(src.resolve("sub/a.txt"), "hello\n");
        Files.write(src.resolve("sub/deeper/big.bin"), TestTrees.pattern(TestTrees.BIG_SIZE, 3));
        Path wim = tmp.resolve("t.wim");
        Jwim.ok("capture", src, wim);

        Jwim.Result r = Jwim.ok("apply", wim, "1", img);
        assertTrue(r.out().contains("Applied image 1 to FAT" + bits + " volume"), r.out());
        ApplyFixtures.fsckClean(img, 0, Files.size(img), tmp.resolve("scratch.img"));
        String onVolume = ApplyFixtures.tree(img, 0, "/", tmp.resolve("out"));
        Files.createDirectories(tmp.resolve("expected/_SMSTaskSequence"));
        Files.writeString(tmp.resolve("expected/_SMSTaskSequence/keep.txt"), "kept");
        Files.createDirectories(tmp.resolve("expected/sub/deeper"));
        Files.writeString(tmp.resolve("expected/sub/a.txt"), "hello\n");
        Files.write(tmp.resolve("expected/sub/deeper/big.bin"), TestTrees.pattern(TestTrees.BIG_SIZE, 3));
        assertEquals(ApplyFixtures.snapshot(tmp.resolve("expected")), onVolume);
    }
}
