package org.jwim.wim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jwim.wim.blob.MemorySource;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.StreamKind;
import org.jwim.wim.model.StreamRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WIMs written by jwim are accepted and applied by wimlib-imagex. */
class WimWriterOracleTest {
    @TempDir
    Path dir;

    static final long T = 133_000_000_000_000_000L;

    static Inode file(byte[] data) {
        Inode in = new Inode(Inode.ATTR_NORMAL).times(T, T + 1, T + 2);
        in.addStream(data.length == 0 ? StreamRef.empty(StreamKind.DATA, "")
                : StreamRef.fromSource(StreamKind.DATA, "", new MemorySource(data)));
        return in;
    }

    static ImageTree sampleTree(String salt) {
        ImageTree t = ImageTree.empty();
        t.root().inode().times(T, T, T);
        Dentry sub = t.root().add(new Dentry("sub", new Inode(Inode.ATTR_DIRECTORY).times(T, T, T)));
        t.root().add(new Dentry("hello.txt", file("hello\n".getBytes(StandardCharsets.UTF_8))));
        t.root().add(new Dentry("empty", file(new byte[0])));
        Inode linked = file(("linked " + salt).getBytes(StandardCharsets.UTF_8));
        sub.add(new Dentry("a", linked));
        sub.add(new Dentry("b", linked));
        sub.add(new Dentry("Copy.txt", file("hello\n".getBytes(StandardCharsets.UTF_8))));
        sub.add(new Dentry("emptydir", new Inode(Inode.ATTR_DIRECTORY).times(T, T, T)));
        return t;
    }

    @Test
    void uncompressedWimVerifiesAndAppliesWithWimlib() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path wim = dir.resolve("t.wim");
        try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults()
                .compression(CompressionType.NONE).integrity(true))) {
            w.addImage(sampleTree("1"), new ImageInfo("first", "desc one", "ops", "1.0"));
            w.addImage(sampleTree("2"), ImageInfo.of("second", ""));
            w.commit();
        }
        OracleTools.ok(dir, "wimlib-imagex", "verify", wim.toString());
        String info = OracleTools.ok(dir, "wimlib-imagex", "info", wim.toString());
        assertTrue(info.matches("(?s).*Image Count:\\s+2\n.*"), info);
        assertTrue(info.contains("desc one"), info);
        Path out = dir.resolve("out");
        OracleTools.ok(dir, "wimlib-imagex", "apply", wim.toString(), "1", out.toString());
        assertArrayEquals("hello\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(out.resolve("hello.txt")));
        assertEquals(Files.getAttribute(out.resolve("sub/a"), "unix:ino"),
                Files.getAttribute(out.resolve("sub/b"), "unix:ino"));
        assertEquals(0, Files.size(out.resolve("empty")));
        assertTrue(Files.isDirectory(out.resolve("sub/emptydir")));

        try (WimFile f = WimFile.open(wim)) {
            assertEquals(2, f.imageCount());
            assertTrue(f.verify().ok(), f.verify().problems().toString());
            // hello (shared by 2 files x 2 images), "linked 1", "linked 2": 3 blobs + 2 metadata
            assertEquals(5, f.blobs().size());
            ImageTree back = f.readImage(1);
            Dentry a = back.root().child("sub").child("a");
            assertEquals(2, a.inode().dentries().size());
            assertEquals("first", f.images().get(0).info().name());
            assertEquals("ops", f.images().get(0).info().creator());
            assertEquals(5, f.images().get(0).fileCount());
            assertEquals(3, f.images().get(0).dirCount());
        }
    }
}
