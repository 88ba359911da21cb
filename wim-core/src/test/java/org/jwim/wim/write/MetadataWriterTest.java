package org.jwim.wim.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.WimFile;
import org.jwim.wim.WimWriter;
import org.jwim.wim.WriteOptions;
import org.jwim.wim.blob.MemorySource;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.StreamKind;
import org.jwim.wim.model.StreamRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of inode's streams come back as written: the plain ones and those with stream entries. */
class MetadataWriterTest {
    @TempDir
    Path dir;

    private static StreamRef data(String name, String text) {
        return StreamRef.fromSource(StreamKind.DATA, name, new MemorySource(text.getBytes()));
    }

    @Test
    void streamsOfEveryKindOfInodeRoundTrip() throws Exception {
        ImageTree t = ImageTree.empty();
        t.root().add(new Dentry("plain", new Inode(Inode.ATTR_NORMAL).addStream(data("", "plain"))));
        t.root().add(new Dentry("empty", new Inode(Inode.ATTR_NORMAL)));
        t.root().add(new Dentry("ads", new Inode(Inode.ATTR_NORMAL).addStream(data("", "main"))
                .addStream(data("note", "named"))));
        t.root().add(new Dentry("only ads", new Inode(Inode.ATTR_NORMAL).addStream(data("x", "named only"))));
        Dentry d = t.root().add(new Dentry("dir", new Inode(Inode.ATTR_DIRECTORY)));
        d.add(new Dentry("Inner", new Inode(Inode.ATTR_NORMAL).addStream(data("", "inner"))));
        t.root().add(new Dentry("dir with ads", new Inode(Inode.ATTR_DIRECTORY).addStream(data("z", "dir ads"))));
        t.root().add(new Dentry("link", new Inode(Inode.ATTR_NORMAL | Inode.ATTR_REPARSE_POINT)
                .reparse(0xA000000C, 0, 0)
                .addStream(StreamRef.fromSource(StreamKind.REPARSE, "", new MemorySource(new byte[] {1, 2, 3, 4})))
                .addStream(data("", "behind the reparse point"))));
        t.root().add(new Dentry("secret", new Inode(Inode.ATTR_NORMAL | Inode.ATTR_ENCRYPTED)
                .addStream(StreamRef.fromSource(StreamKind.EFS, "", new MemorySource(new byte[] {9, 9, 9})))));
        Path wim = dir.resolve("t.wim");
        try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(CompressionType.NONE))) {
            w.addImage(t, ImageInfo.of("t", ""));
            w.commit();
        }
        try (WimFile f = WimFile.open(wim)) {
            ImageTree back = f.readImage(1);
            assertEquals(describe(t.root()), describe(back.root()));
        }
    }

    /** Path, then each stream's kind, name and hash (zero-length streams left out), depth first. */
    private static List<String> describe(Dentry root) {
        List<String> out = new ArrayList<>();
        for (Inode in : root.inodes()) {
            StringBuilder b = new StringBuilder(in.dentries().get(0).path());
            in.streams().stream().filter(s -> s.size() > 0)
                    .sorted((x, y) -> (x.kind() + x.name()).compareTo(y.kind() + y.name()))
                    .forEach(s -> b.append(' ').append(s.kind()).append(':').append(s.name()).append('=').append(s.hash()));
            out.add(b.toString());
        }
        out.sort(null);
        return out;
    }
}
