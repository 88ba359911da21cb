package org.jwim.wim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jwim.wim.format.WimHeader;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.StreamRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appending images reuses blobs, keeps the old images and never touches the old file early. */
class AppendTest {
    @TempDir
    Path dir;

    private Path twoImageWim() throws Exception {
        Path wim = dir.resolve("a.wim");
        try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(CompressionType.NONE))) {
            w.addImage(WimWriterOracleTest.sampleTree("1"), ImageInfo.of("one", ""));
            w.commit();
        }
        try (WimWriter w = WimWriter.append(wim, WriteOptions.defaults())) {
            w.addImage(WimWriterOracleTest.sampleTree("2"), ImageInfo.of("two", "second"));
            w.commit();
        }
        return wim;
    }

    @Test
    void appendedImageSharesBlobsWithTheFirst() throws Exception {
        Path wim = twoImageWim();
        try (WimFile f = WimFile.open(wim)) {
            assertEquals(2, f.imageCount());
            assertEquals(List.of("one", "two"), f.images().stream().map(s -> s.info().name()).toList());
            assertTrue(f.verify().ok(), f.verify().problems().toString());
            long dataBlobs = f.blobs().stream().filter(b -> !b.metadata()).count();
            assertEquals(3, dataBlobs, "hello\\n stored once for both images");
            long helloRefs = f.blobs().stream().filter(b -> b.size() == 6).findFirst().orElseThrow().refCount();
            assertEquals(4, helloRefs);
            ImageTree t2 = f.readImage(2);
            StreamRef s = t2.root().child("sub").child("a").inode().unnamedData();
            try (InputStream in = f.openBlob(s.hash())) {
                assertArrayEquals("linked 2".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
            }
        }
    }

    @Test
    void appendedWimVerifiesWithWimlib() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path wim = twoImageWim();
        OracleTools.ok(dir, "wimlib-imagex", "verify", wim.toString());
        Path out = dir.resolve("out2");
        OracleTools.ok(dir, "wimlib-imagex", "apply", wim.toString(), "2", out.toString());
        assertEquals("linked 2", Files.readString(out.resolve("sub/b")));
    }

    @Test
    void failedAppendLeavesTheWimUntouchedAndNoTempFile() throws Exception {
        Path wim = twoImageWim();
        byte[] before = Files.readAllBytes(wim);
        try (WimWriter w = WimWriter.append(wim, WriteOptions.defaults())) {
            assertThrows(WimException.class, () -> w.addImage(WimWriterOracleTest.sampleTree("3"),
                    ImageInfo.of("one", "duplicate name")));
            // no commit: closing discards
        }
        assertArrayEquals(before, Files.readAllBytes(wim));
        try (Stream<Path> s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void anAppendInPlaceLeavesTheOldBytesAloneAndCutsAKilledAppendsTail() throws Exception {
        Path wim = twoImageWim();
        byte[] before = Files.readAllBytes(wim);
        try (WimWriter w = WimWriter.append(wim, WriteOptions.defaults())) {
            w.addImage(WimWriterOracleTest.sampleTree("3"), ImageInfo.of("three", ""));
            // a second writer of the same WIM is refused while this one lives
            WimException busy = assertThrows(WimException.class, () -> WimWriter.append(wim, WriteOptions.defaults()));
            assertTrue(busy.getMessage().contains("being written"), busy.getMessage());
            assertArrayEquals(before, Arrays.copyOf(Files.readAllBytes(wim), before.length),
                    "until the commit the old WIM's bytes, header included, are untouched");
            w.commit();
        }
        byte[] after = Files.readAllBytes(wim);
        assertTrue(after.length > before.length);
        assertArrayEquals(Arrays.copyOfRange(before, WimHeader.SIZE, before.length),
                Arrays.copyOfRange(after, WimHeader.SIZE, before.length), "only the header is rewritten");

        // what a killed append leaves: a tail past the last table, which readers ignore
        Files.write(wim, new byte[1 << 20], StandardOpenOption.APPEND);
        try (WimFile f = WimFile.open(wim)) {
            assertEquals(3, f.imageCount());
            assertTrue(f.verify().ok(), f.verify().problems().toString());
        }
        try (WimWriter w = WimWriter.append(wim, WriteOptions.defaults())) {
            w.addImage(WimWriterOracleTest.sampleTree("4"), ImageInfo.of("four", ""));
            w.commit();
        }
        try (WimFile f = WimFile.open(wim)) {
            assertEquals(4, f.imageCount());
            WimHeaderInfo h = f.header();
            assertEquals(Files.size(wim), Math.max(h.xmlOffset() + h.xmlSize(), h.blobTableOffset() + h.blobTableSize()),
                    "the tail is cut, not kept as dead space");
        }
    }

    @Test
    void appendWithOtherCompressionIsRefused() throws Exception {
        Path wim = twoImageWim();
        WimException e = assertThrows(WimException.class,
                () -> WimWriter.append(wim, WriteOptions.defaults().compression(CompressionType.LZX)));
        assertTrue(e.getMessage().contains("NONE"), e.getMessage());
    }
}
