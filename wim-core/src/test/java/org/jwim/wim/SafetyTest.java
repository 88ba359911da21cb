package org.jwim.wim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jwim.wim.format.BlobTableEntry;
import org.jwim.wim.format.WimHeader;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify catches every flipped byte; hostile trees fail fast with bounded stack and memory. */
class SafetyTest {
    @TempDir
    Path dir;

    /** A small WIM (every byte of it is flipped in turn), with a {@code textSize}-byte text file. */
    private Path write(CompressionType type, boolean integrity, int textSize) throws Exception {
        Path wim = dir.resolve(type + "-" + integrity + ".wim");
        try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(type).integrity(integrity))) {
            ImageTree t = WimWriterOracleTest.sampleTree("x");
            byte[] text = new byte[textSize];
            for (int i = 0; i < text.length; i++) {
                text[i] = (byte) ("abcdefgh ".charAt(i % 9) + (i / 1000) % 5);
            }
            t.root().add(new Dentry("text", WimWriterOracleTest.file(text)));
            w.addImage(t, ImageInfo.of("x", ""));
            w.commit();
        }
        return wim;
    }

    /** Byte ranges of every resource the blob table lists (data and metadata). */
    private static List<long[]> resources(byte[] wim) throws Exception {
        WimHeader h = WimHeader.read(wim);
        List<long[]> list = new ArrayList<>();
        int table = (int) h.blobTable().offset();
        for (int i = 0; i < h.blobTable().uncompressedSize() / BlobTableEntry.SIZE; i++) {
            BlobTableEntry e = BlobTableEntry.read(wim, table + i * BlobTableEntry.SIZE, 0);
            list.add(new long[] {e.resource().offset(), e.resource().sizeInWim()});
        }
        return list;
    }

    private static boolean detected(Path p, byte[] damaged) throws Exception {
        Files.write(p, damaged);
        try (WimFile f = WimFile.open(p)) {
            return !f.verify().ok();
        } catch (WimException e) {
            return true;
        }
    }

    private void flipEveryKthByte(Path wim, long from, long to, int step) throws Exception {
        byte[] original = Files.readAllBytes(wim);
        Path p = dir.resolve("flipped.wim");
        for (long off = from; off < to; off += step) {
            byte[] b = original.clone();
            b[(int) off] ^= 0x01;
            if (!detected(p, b)) {
                WimHeader h = WimHeader.read(original);
                fail("flipping the byte at offset " + off + " of " + wim.getFileName() + " went unnoticed (blob table at "
                        + h.blobTable().offset() + ", XML at " + h.xml().offset() + ")");
            }
        }
    }

    /** Every byte of every resource (the blob table's reference counts, for one, are not covered). */
    @Test
    void everyFlippedByteInTheResourcesOfAnUncompressedWimIsDetected() throws Exception {
        Path wim = write(CompressionType.NONE, false, 300);
        List<long[]> resources = resources(Files.readAllBytes(wim));
        assertTrue(resources.size() >= 4, "data and metadata resources");
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            for (long[] r : resources) {
                flipEveryKthByte(wim, r[0], r[0] + r[1], 1);
            }
        });
    }

    @Test
    void withAnIntegrityTableEveryFlippedByteFromTheHeaderToTheXmlOfACompressedWimIsDetected() throws Exception {
        Path wim = write(CompressionType.LZX, true, 40_000); // two chunks
        WimHeader h = WimHeader.read(Files.readAllBytes(wim));
        long xml = h.xml().offset();
        assertTrue(xml > h.blobTable().offset(), "the range holds the resources and the blob table");
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> flipEveryKthByte(wim, WimHeader.SIZE, xml, 1));
    }

    @Test
    void aTreeOneHundredThousandLevelsDeepFailsFastAndCleanly() throws Exception {
        ImageTree t = ImageTree.empty();
        Dentry d = t.root();
        for (int i = 0; i < 100_000; i++) {
            d = d.add(new Dentry("d", new Inode(Inode.ATTR_DIRECTORY)));
        }
        Path wim = dir.resolve("deep.wim");
        try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(CompressionType.NONE))) {
            w.addImage(t, ImageInfo.of("deep", ""));
            w.commit();
        }
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (WimFile f = WimFile.open(wim)) {
                WimFormatException e = assertThrows(WimFormatException.class, () -> f.readImage(1));
                assertTrue(e.getMessage().contains("deeper than 16384"), e.getMessage());
                assertFalse(f.verify().ok());
            }
        });
    }
}
