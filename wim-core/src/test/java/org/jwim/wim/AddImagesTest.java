package org.jwim.wim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jwim.wim.blob.MemorySource;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.blob.StreamSource;
import org.jwim.wim.format.BlobTableEntry;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.StreamKind;
import org.jwim.wim.model.StreamRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link WimWriter#addImages}: images whose blobs are read concurrently give the WIM of adding
 * them one by one (same metadata, same blobs and reference counts, a blob of several images
 * stored once), laid out in an order fixed by the sizes alone.
 */
class AddImagesTest {
    @TempDir
    Path dir;

    /** Three trees: the third repeats the first, so every blob of it is a duplicate across lanes. */
    private static List<ImageTree> trees() {
        return List.of(PipelineTest.tree(1), PipelineTest.tree(2), PipelineTest.tree(1));
    }

    private static List<ImageInfo> infos() {
        return List.of(ImageInfo.of("a", ""), ImageInfo.of("b", ""), ImageInfo.of("c", ""));
    }

    private Path oneByOne(CompressionType type, int threads) throws IOException {
        Path wim = dir.resolve("one-by-one-" + type + threads + ".wim");
        try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(type).threads(threads))) {
            List<ImageTree> t = trees();
            for (int i = 0; i < t.size(); i++) {
                w.addImage(t.get(i), infos().get(i));
            }
            w.commit();
        }
        return wim;
    }

    private Path together(CompressionType type, int threads, String name) throws IOException {
        Path wim = dir.resolve(name + type + threads + ".wim");
        try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(type).threads(threads))) {
            w.addImages(trees(), infos());
            w.commit();
        }
        return wim;
    }

    /** Each image's metadata hash, then every data blob with its size and reference count. */
    private static List<String> content(Path wim) throws IOException {
        List<String> out = new ArrayList<>();
        try (WimFile f = WimFile.open(wim)) {
            assertTrue(f.verify().ok(), f.verify().problems().toString());
            for (BlobTableEntry e : f.metadataEntries()) {
                out.add("metadata " + e.hash());
            }
            f.blobs().stream().filter(b -> !b.metadata())
                    .map(b -> b.hash() + " " + b.size() + " x" + b.refCount()).sorted().forEach(out::add);
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"NONE", "XPRESS", "LZX"})
    void concurrentImagesStoreWhatOneByOneStores(CompressionType type) throws Exception {
        List<String> expected = content(oneByOne(type, 3));
        for (int threads : new int[] {1, 3}) {
            Path wim = together(type, threads, "together");
            assertEquals(expected, content(wim), "threads " + threads);
            try (WimFile f = WimFile.open(wim)) {
                long data = f.blobs().stream().filter(b -> !b.metadata()).count();
                assertEquals(data, f.blobs().stream().filter(b -> !b.metadata()).map(BlobInfo::hash).distinct().count());
            }
            if (type != CompressionType.NONE) {
                OracleTools.requireTool("wimlib-imagex");
                OracleTools.ok(dir, "wimlib-imagex", "verify", wim.toString());
            }
        }
    }

    @Test
    void layoutIsFixedBySizesAndInterleavesTheImages() throws Exception {
        List<String> first = layout(together(CompressionType.XPRESS, 3, "run1-"));
        assertEquals(first, layout(together(CompressionType.XPRESS, 3, "run2-")));
        Path wim = together(CompressionType.XPRESS, 3, "run3-");
        try (WimFile f = WimFile.open(wim)) {
            Set<Sha1> one = hashes(f.readImage(1).root());
            Set<Sha1> two = hashes(f.readImage(2).root());
            long lastOfOne = -1;
            long firstOfTwo = Long.MAX_VALUE;
            for (BlobInfo b : f.blobs()) {
                if (!b.metadata() && one.contains(b.hash()) && !two.contains(b.hash())) {
                    lastOfOne = Math.max(lastOfOne, b.offset());
                }
                if (!b.metadata() && two.contains(b.hash()) && !one.contains(b.hash())) {
                    firstOfTwo = Math.min(firstOfTwo, b.offset());
                }
            }
            assertTrue(firstOfTwo < lastOfOne, "image 2's blobs start before image 1's end: read together");
        }
    }

    private static List<String> layout(Path wim) throws IOException {
        try (WimFile f = WimFile.open(wim)) {
            return f.blobs().stream().filter(b -> !b.metadata())
                    .map(b -> b.hash() + "@" + b.offset() + "+" + b.storedSize()).toList();
        }
    }

    private static Set<Sha1> hashes(Dentry root) {
        Set<Sha1> set = new HashSet<>();
        for (Inode in : root.inodes()) {
            for (StreamRef s : in.streams()) {
                if (s.hash() != null && !s.hash().isZero()) {
                    set.add(s.hash());
                }
            }
        }
        return set;
    }

    @Test
    void aSourceThatShrinksInOneLaneFailsTheWholeWriteAndLeavesNothing() throws Exception {
        ImageTree bad = ImageTree.empty();
        Inode in = new Inode(Inode.ATTR_NORMAL);
        in.addStream(StreamRef.fromSource(StreamKind.DATA, "",
                new StreamSource(500_000, 0, () -> new ByteArrayInputStream(new byte[1000]))));
        bad.root().add(new Dentry("changing", in));
        Inode ok = new Inode(Inode.ATTR_NORMAL);
        ok.addStream(StreamRef.fromSource(StreamKind.DATA, "", new MemorySource(new byte[300_000])));
        bad.root().add(new Dentry("fine", ok));
        Path wim = dir.resolve("bad.wim");
        try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(CompressionType.XPRESS).threads(2))) {
            SourceChangedException e = assertThrows(SourceChangedException.class,
                    () -> w.addImages(List.of(PipelineTest.tree(4), bad), List.of(ImageInfo.of("a", ""), ImageInfo.of("b", ""))));
            assertTrue(e.getMessage().contains("modified during capture"), e.getMessage());
        }
        assertFalse(Files.exists(wim));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void twoNewImagesOfOneNameAreRefusedBeforeAnythingIsRead() throws Exception {
        try (WimWriter w = WimWriter.create(dir.resolve("n.wim"), WriteOptions.defaults())) {
            assertThrows(WimException.class, () -> w.addImages(List.of(PipelineTest.tree(1), PipelineTest.tree(2)),
                    List.of(ImageInfo.of("same", ""), ImageInfo.of("same", ""))));
            assertEquals(0, w.imageCount());
        }
    }
}
