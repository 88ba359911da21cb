package org.jwim.wim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.jwim.common.LE;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.format.BlobTableEntry;
import org.jwim.wim.format.WimHeader;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged and hostile WIMs give a {@link WimException} naming the problem and its offset, never another
 * exception, never a hang.
 */
class HostileWimTest {
    @TempDir
    Path dir;
    byte[] wim;

    @BeforeEach
    void writeValidWim() throws Exception {
        ImageTree t = WimWriterOracleTest.sampleTree("x");
        t.root().add(new Dentry("xx", WimWriterOracleTest.file("x".getBytes(StandardCharsets.UTF_8))));
        t.root().add(new Dentry("yy", new Inode(Inode.ATTR_DIRECTORY)));
        Path p = dir.resolve("valid.wim");
        try (WimWriter w = WimWriter.create(p, WriteOptions.defaults().compression(CompressionType.NONE))) {
            w.addImage(t, ImageInfo.of("img", ""));
            w.commit();
        }
        wim = Files.readAllBytes(p);
    }

    private WimHeader header() throws Exception {
        return WimHeader.read(wim);
    }

    /** Offset of the metadata resource and the blob-table entry describing it. */
    private int[] metadataLocation() throws Exception {
        WimHeader h = header();
        int table = (int) h.blobTable().offset();
        BlobTableEntry e = BlobTableEntry.read(wim, table, table);
        return new int[] {(int) e.resource().offset(), (int) e.resource().uncompressedSize(), table};
    }

    /** Recomputes the metadata SHA-1 after a test edited the metadata. */
    private void fixMetadataHash() throws Exception {
        int[] m = metadataLocation();
        Sha1 h = Sha1.digest(Arrays.copyOfRange(wim, m[0], m[0] + m[1]));
        h.copyTo(wim, m[2] + 0x1E);
    }

    private int find(String name, int from) throws Exception {
        int[] m = metadataLocation();
        byte[] needle = name.getBytes(StandardCharsets.UTF_16LE);
        for (int i = Math.max(from, m[0]); i < m[0] + m[1] - needle.length; i++) {
            if (Arrays.equals(wim, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError(name + " not found in metadata");
    }

    private void rename(String from, String to) throws Exception {
        byte[] b = to.getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(b, 0, wim, find(from, 0), b.length);
        fixMetadataHash();
    }

    private WimException openFails() throws Exception {
        Path p = dir.resolve("bad.wim");
        Files.write(p, wim);
        return assertThrows(WimException.class, () -> {
            try (WimFile f = WimFile.open(p)) {
                f.readImage(1);
            }
        });
    }

    /** Opening fails with a message that has {@code fragment} and names {@code offset}. */
    private void expect(String fragment, long offset) throws Exception {
        WimException e = openFails();
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage()
                + "' should mention '" + fragment + "'");
        assertTrue(e.getMessage().endsWith("(at offset " + offset + ")"), "message '" + e.getMessage()
                + "' should name offset " + offset);
        assertEquals(offset, ((WimFormatException) e).offset());
    }

    /** The same for a problem inside the metadata: the offset in it, then the resource's in the file. */
    private void expectInMetadata(String fragment, long relative) throws Exception {
        expect(fragment, metadataLocation()[0]);
        assertTrue(openFails().getMessage().contains("(at offset " + relative + ") (offset relative to the metadata)"),
                openFails().getMessage() + " should name offset " + relative + " in the metadata");
    }

    @Test
    void truncatedHeader() throws Exception {
        wim = Arrays.copyOf(wim, 100);
        expect("shorter than the 208-byte WIM header", 0);
    }

    @Test
    void badMagic() throws Exception {
        wim[0] = 'X';
        expect("bad magic", 0);
    }

    @Test
    void badHeaderSize() throws Exception {
        LE.put32(wim, 8, 200);
        expect("header size 200", 8);
    }

    @Test
    void blobTablePastEndOfFile() throws Exception {
        LE.put64(wim, 0x38, wim.length - 10L);
        expect("runs past the end", wim.length - 10L);
    }

    @Test
    void blobTableWithAHugeSize() throws Exception {
        LE.put64(wim, 0x40, 1L << 40);
        expect("more than the limit", header().blobTable().offset());
    }

    @Test
    void blobTableNotAMultipleOfEntries() throws Exception {
        LE.put64(wim, 0x30, LE.u64(wim, 0x30) - 1);
        LE.put64(wim, 0x40, LE.u64(wim, 0x40) - 1);
        expect("not a multiple of 50", header().blobTable().offset());
    }

    @Test
    void hugeImageCount() throws Exception {
        LE.put32(wim, 0x2C, 0xFFFF_FFF0L);
        expect("image count", 0x2C);
    }

    @Test
    void imageCountDisagreesWithXml() throws Exception {
        LE.put32(wim, 0x2C, 3);
        expect("XML data lists 1 images but the header says 3", header().xml().offset());
    }

    @Test
    void xmlNotWellFormed() throws Exception {
        int xml = (int) header().xml().offset();
        wim[xml + 2] = '!';
        expect("not well-formed", xml);
    }

    @Test
    void cyclicDirectoryStructure() throws Exception {
        // point directory "sub" at the root's child list
        int[] m = metadataLocation();
        int nameAt = find("sub", 0);
        int dentry = nameAt - 0x66;
        long rootList = LE.u64(wim, m[0] + (int) LE.u32(wim, m[0]) + 0x10);
        LE.put64(wim, dentry + 0x10, rootList);
        fixMetadataHash();
        expectInMetadata("cyclic directory structure", rootList);
    }

    @Test
    void namesWithSeparatorsDotDotOrNulAreRejected() throws Exception {
        for (String bad : new String[] {"..", "a/", "a\\", "a\0"}) {
            writeValidWim();
            rename("xx", bad);
            WimException e = openFails();
            assertTrue(e.getMessage().contains("unsafe dentry name"), e.getMessage());
        }
    }

    @Test
    void duplicateNames() throws Exception {
        int[] m = metadataLocation();
        long second = find("yy", 0) - 0x66 - m[0]; // the dentry renamed to a name its sibling has
        rename("yy", "xx");
        expectInMetadata("duplicate name 'xx'", second);
    }

    @Test
    void metadataWithWrongHash() throws Exception {
        int[] m = metadataLocation();
        wim[m[0] + m[1] - 1] ^= 1;
        expect("metadata of image 1 has SHA-1", m[0]);
    }

    @Test
    void damagedBlobIsReportedByVerifyAndRefusedByRead() throws Exception {
        int at = indexOf("linked x".getBytes(StandardCharsets.UTF_8));
        wim[at] ^= 0x20;
        Path p = dir.resolve("bad.wim");
        Files.write(p, wim);
        try (WimFile f = WimFile.open(p)) {
            VerifyReport r = f.verify();
            assertFalse(r.ok());
            assertTrue(r.problems().get(0).contains("SHA-1"), r.problems().toString());
            Sha1 h = f.readImage(1).root().child("sub").child("a").inode().unnamedData().hash();
            WimFormatException e = assertThrows(WimFormatException.class, () -> {
                try (InputStream in = f.openBlob(h)) {
                    in.readAllBytes();
                }
            });
            assertTrue(e.getMessage().contains("expected " + h), e.getMessage());
        }
    }

    private int indexOf(byte[] needle) {
        for (int i = 0; i < wim.length - needle.length; i++) {
            if (Arrays.equals(wim, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    /** Random damage anywhere: only WimException (an IOException) may come out, quickly. */
    @Test
    void randomMutationsNeverEscapeAsOtherExceptions() throws Exception {
        byte[] original = wim.clone();
        Random rnd = new Random(42);
        Path p = dir.resolve("m.wim");
        int[] rejected = new int[1];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int iter = 0; iter < 1500; iter++) {
                byte[] m = original.clone();
                int flips = 1 + rnd.nextInt(4);
                for (int k = 0; k < flips; k++) {
                    m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
                }
                if (iter % 5 == 0) {
                    m = Arrays.copyOf(m, rnd.nextInt(m.length));
                }
                Files.write(p, m);
                try (WimFile f = WimFile.open(p)) {
                    for (int i = 1; i <= f.imageCount(); i++) {
                        f.readImage(i);
                    }
                    f.verify();
                } catch (WimException expected) {
                    rejected[0]++; // the documented failure
                } catch (IOException | RuntimeException e) {
                    fail("iteration " + iter + ": " + e, e);
                }
            }
        });
        // every truncated copy (300 of them) lacks its XML or more: the damage is seen, not ignored
        assertTrue(rejected[0] >= 300, rejected[0] + " of 1500 damaged WIMs rejected");
    }
}
