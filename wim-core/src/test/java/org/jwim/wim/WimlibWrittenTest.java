package org.jwim.wim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.StreamKind;
import org.jwim.wim.model.StreamRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jwim reads WIMs written by wimlib-imagex (UNIX capture mode, uncompressed). */
class WimlibWrittenTest {
    @TempDir
    Path dir;

    private static byte[] read(WimFile f, StreamRef s) throws Exception {
        try (InputStream in = f.openBlob(s.hash())) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsTreeHardLinksSymlinksAndData() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path src = Files.createDirectories(dir.resolve("src"));
        byte[] big = new byte[300_000];
        new Random(1).nextBytes(big);
        Files.write(src.resolve("big.bin"), big);
        Files.writeString(src.resolve("a.txt"), "alpha");
        Files.createLink(src.resolve("a-link.txt"), src.resolve("a.txt"));
        Files.createDirectories(src.resolve("d/e"));
        Files.writeString(src.resolve("d/e/deep.txt"), "deep");
        Files.writeString(src.resolve("d/zz émoji ✓.txt"), "unicode");
        Files.createSymbolicLink(src.resolve("rel"), Path.of("a.txt"));
        Files.createFile(src.resolve("empty"));
        Path wim = dir.resolve("w.wim");
        OracleTools.ok(dir, "wimlib-imagex", "capture", src.toString(), wim.toString(), "img", "d1",
                "--compress=none");
        OracleTools.ok(dir, "wimlib-imagex", "append", src.resolve("d").toString(), wim.toString(),
                "img2", "--compress=none");
        try (WimFile f = WimFile.open(wim)) {
            assertEquals(2, f.imageCount());
            assertEquals("img", f.images().get(0).info().name());
            assertEquals("d1", f.images().get(0).info().description());
            assertTrue(f.verify().ok(), f.verify().problems().toString());
            ImageTree t = f.readImage(1);
            Dentry root = t.root();
            assertArrayEquals(big, read(f, root.child("big.bin").inode().unnamedData()));
            assertSame(root.child("a.txt").inode(), root.child("a-link.txt").inode());
            assertEquals(2, root.child("a.txt").inode().dentries().size());
            assertEquals("deep", new String(read(f, root.child("d").child("e").child("deep.txt")
                    .inode().unnamedData()), StandardCharsets.UTF_8));
            assertNotNull(root.child("d").child("zz émoji ✓.txt"));
            Inode rel = root.child("rel").inode();
            assertTrue(rel.isReparsePoint());
            assertEquals(Inode.TAG_SYMLINK, rel.reparseTag());
            byte[] rp = read(f, rel.stream(StreamKind.REPARSE, ""));
            String target = new String(rp, 12, rp.length - 12, StandardCharsets.UTF_16LE);
            assertTrue(target.contains("a.txt"), target);
            assertEquals(0, root.child("empty").inode().unnamedData().size());
            assertEquals(f.images().get(0).fileCount(), 7);

            ImageTree t2 = f.readImage(2);
            assertNotNull(t2.root().child("e"));
        }
    }
}
