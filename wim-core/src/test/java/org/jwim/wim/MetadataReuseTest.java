package org.jwim.wim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jwim.wim.format.ResourceHeader;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WimWriter#useMetadataOf}: an image whose metadata equals an earlier image's takes that
 * resource as stored; one that differs is compressed as usual.
 */
class MetadataReuseTest {
    @TempDir
    Path dir;

    /** A tree with a few hundred named files, so that compression levels give different bytes. */
    private static ImageTree tree() {
        ImageTree t = WimWriterOracleTest.sampleTree("m");
        for (int i = 0; i < 400; i++) {
            t.root().add(new Dentry("file number " + i + ".txt", WimWriterOracleTest.file(("data " + i).getBytes())));
        }
        return t;
    }

    /** The earlier WIM: XPRESS at level 1, whose metadata bytes a level-50 writer would not produce. */
    private Path earlier() throws Exception {
        Path wim = dir.resolve("earlier.wim");
        try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(CompressionType.XPRESS)
                .compressionLevel(1))) {
            w.addImage(tree(), ImageInfo.of("one", ""));
            w.commit();
        }
        return wim;
    }

    /** Writes image 1 of {@code ref} again (default level), edited by {@code edit}, offering its metadata or not. */
    private Path again(String name, WimFile ref, boolean offer, java.util.function.Consumer<ImageTree> edit)
            throws Exception {
        Path wim = dir.resolve(name);
        byte[] meta = ref.readMetadata(1);
        ImageTree t = ref.readImage(1, meta);
        edit.accept(t);
        try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(CompressionType.XPRESS))) {
            w.useBlobsOf(ref, t.root());
            if (offer) {
                w.useMetadataOf(t, ref, 1, meta);
            }
            w.addImage(t, ImageInfo.of("again", ""));
            w.commit();
        }
        return wim;
    }

    private static byte[] storedMetadata(Path wim) throws Exception {
        try (WimFile f = WimFile.open(wim); FileChannel ch = FileChannel.open(wim, StandardOpenOption.READ)) {
            assertTrue(f.verify().ok(), f.verify().problems().toString());
            ResourceHeader r = f.metadataEntry(1).resource();
            ByteBuffer b = ByteBuffer.allocate((int) r.sizeInWim());
            while (b.hasRemaining()) {
                ch.read(b, r.offset() + b.position());
            }
            return b.array();
        }
    }

    @Test
    void identicalMetadataIsCopiedAsStored() throws Exception {
        Path ref = earlier();
        byte[] original = storedMetadata(ref);
        try (WimFile f = WimFile.open(ref)) {
            byte[] compressed = storedMetadata(again("plain.wim", f, false, t -> { }));
            assertFalse(java.util.Arrays.equals(original, compressed), "levels 1 and 50 store the metadata alike");
            Path copied = again("copied.wim", f, true, t -> { });
            assertArrayEquals(original, storedMetadata(copied));
            try (WimFile c = WimFile.open(copied)) {
                assertArrayEquals(f.readMetadata(1), c.readMetadata(1));
                assertEquals(f.metadataEntry(1).hash(), c.metadataEntry(1).hash());
            }
        }
    }

    @Test
    void changedMetadataIsCompressedAgain() throws Exception {
        Path ref = earlier();
        try (WimFile f = WimFile.open(ref)) {
            Path changed = again("changed.wim", f, true, t -> t.root().child("hello.txt").inode()
                    .times(WimWriterOracleTest.T, WimWriterOracleTest.T, WimWriterOracleTest.T + 7));
            Path plain = again("plain.wim", f, false, t -> t.root().child("hello.txt").inode()
                    .times(WimWriterOracleTest.T, WimWriterOracleTest.T, WimWriterOracleTest.T + 7));
            assertArrayEquals(storedMetadata(plain), storedMetadata(changed));
            try (WimFile c = WimFile.open(changed)) {
                Inode hello = c.readImage(1).root().child("hello.txt").inode();
                assertEquals(WimWriterOracleTest.T + 7, hello.lastWriteTime());
            }
        }
    }
}
