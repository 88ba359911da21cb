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

    private Path write(CompressionType type, boolean integrity) throws Exception {
        Path wim = dir.resolve(type + "-" + integrity + ".wim");
        try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(type).integrity(integrity))) {
            ImageTree t = WimWriterOracleTest.sampleTree("x");
            byte[] text = new byte[100_000];
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
                fail("flipping the byte at offset " + off + " of " + wim.getFileName() + " went unnoticed");
            }
        }
    }

    @Test
    void everyFlippedByteInTheResourcesOfAnUncompressedWimIsDetected() throws Exception {
        Path wim = write(CompressionType.NONE, false);
        byte[] b = Files.readAllBytes(wim);
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            for (long[] r : resources(b)) {
                flipEveryKthByte(wim, r[0], r[0] + r[1], Math.max(1, (int) (r[1] / 25)));
            }
        });
    }

    @Test
    void withAnIntegrityTableEveryFlippedByteOfACompressedWimIsDetected() throws Exception {
        Path wim = write(CompressionType.LZX, true);
        byte[] b = Files.readAllBytes(wim);
        WimHeader h = WimHeader.read(b);
        long end = h.blobTable().offset() + h.blobTable().sizeInWim();
        assertTimeoutPreemptively(Duration.ofMinutes(3), () ->
                flipEveryKthByte(wim, WimHeader.SIZE, end, (int) Math.max(1, (end - WimHeader.SIZE) / 150)));
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
