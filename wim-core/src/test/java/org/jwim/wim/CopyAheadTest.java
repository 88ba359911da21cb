package org.jwim.wim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WimWriter#copyAhead}: blobs of a reference image copied before {@link WimWriter#useBlobsOf}
 * knows which it takes give the same WIM as without the copy ahead (same size: no gap where a
 * blob was not taken, nothing past the end), whichever of them are taken; copied ahead in
 * batches (by hashes), those taken stay where they were copied.
 */
class CopyAheadTest {
    private static final int FILES = 60;

    @TempDir
    Path dir;

    /** Distinct, poorly compressible contents of a few KB each, so the blobs lie back to back. */
    private static byte[] data(int i) {
        byte[] b = new byte[2000 + 97 * i];
        new Random(i).nextBytes(b);
        for (int k = 0; k < b.length; k += 3) {
            b[k] = 'x';
        }
        return b;
    }

    private Path reference() throws Exception {
        Path wim = dir.resolve("ref.wim");
        ImageTree t = WimWriterOracleTest.sampleTree("a");
        for (int i = 0; i < FILES; i++) {
            t.root().add(new Dentry("f" + i, WimWriterOracleTest.file(data(i))));
        }
        try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(CompressionType.XPRESS))) {
            w.addImage(t, ImageInfo.of("ref", ""));
            w.commit();
        }
        return wim;
    }

    /**
     * Image 1 of {@code ref} written again after {@code edit}, its blobs taken from {@code ref};
     * with {@code ahead}, copied ahead from the unedited image first (with {@code whole}, every blob of the WIM).
     */
    private Path again(String name, WimFile ref, boolean ahead, boolean whole, Consumer<ImageTree> edit)
            throws Exception {
        Path wim = dir.resolve(name);
        ImageTree t = ref.readImage(1);
        edit.accept(t);
        try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(CompressionType.XPRESS))) {
            if (ahead) {
                w.copyAhead(ref, whole ? null : ref.readImage(1).root());
            }
            w.useBlobsOf(ref, t.root());
            w.addImage(t, ImageInfo.of("again", ""));
            w.commit();
        }
        return wim;
    }

    /** Both WIMs verify, are of one size and hold the same files. */
    private static void assertSame(Path plain, Path ahead) throws Exception {
        assertEquals(Files.size(plain), Files.size(ahead), "sizes of " + plain + " and " + ahead);
        try (WimFile p = WimFile.open(plain); WimFile a = WimFile.open(ahead)) {
            assertTrue(a.verify().ok(), a.verify().problems().toString());
            assertEquals(p.blobs().size(), a.blobs().size());
            for (int i = 0; i < FILES; i++) {
                Dentry d = a.readImage(1).root().child("f" + i);
                if (p.readImage(1).root().child("f" + i) == null) {
                    assertEquals(null, d);
                } else {
                    assertArrayEquals(data(i), a.openBlob(d.inode().unnamedData().hash()).readAllBytes(), "f" + i);
                }
            }
        }
    }

    private void check(String name, Consumer<ImageTree> edit) throws Exception {
        try (WimFile ref = WimFile.open(reference())) {
            Path plain = again(name + "-plain.wim", ref, false, false, edit);
            assertSame(plain, again(name + "-ahead.wim", ref, true, false, edit));
            assertSame(plain, again(name + "-whole.wim", ref, true, true, edit));
        }
    }

    @Test
    void everyBlobTaken() throws Exception {
        check("all", t -> { });
    }

    /** Files dropped near the start, in the middle and at the end of the blobs' file order. */
    @Test
    void blobsNotTakenLeaveNoGap() throws Exception {
        check("some", t -> {
            for (int i : new int[] {1, 2, 30, FILES - 1}) {
                t.root().remove(t.root().child("f" + i));
            }
        });
    }

    @Test
    void noBlobTaken() throws Exception {
        check("none", t -> {
            for (int i = 0; i < FILES; i++) {
                t.root().remove(t.root().child("f" + i));
            }
        });
    }

    /** The hashes of files {@code from} to {@code to} (exclusive) of image 1 of {@code ref}, but {@code skip}. */
    private static List<Sha1> hashes(WimFile ref, int from, int to, int skip) throws Exception {
        List<Sha1> h = new ArrayList<>();
        Dentry root = ref.readImage(1).root();
        for (int i = from; i < to; i++) {
            if (i != skip) {
                h.add(root.child("f" + i).inode().unnamedData().hash());
            }
        }
        return h;
    }

    /**
     * Copied ahead in two batches, the later files first (as an incremental capture's forecast
     * may find them), with {@code missed} left out of the forecast and the image {@code edit}ed:
     * the WIM equals the one written without the copy ahead but for the order of its blobs.
     * Returns it.
     */
    private Path batches(String name, Consumer<ImageTree> edit, int missed) throws Exception {
        try (WimFile ref = WimFile.open(reference())) {
            Path plain = again(name + "-plain.wim", ref, false, false, edit);
            Path wim = dir.resolve(name + "-batches.wim");
            ImageTree t = ref.readImage(1);
            edit.accept(t);
            try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(CompressionType.XPRESS))) {
                w.copyAhead(ref, hashes(ref, FILES / 2, FILES, missed));
                w.copyAhead(ref, hashes(ref, 0, FILES / 2, missed));
                w.useBlobsOf(ref, t.root());
                w.addImage(t, ImageInfo.of("again", ""));
                w.commit();
            }
            assertSame(plain, wim);
            return wim;
        }
    }

    private static long offsetOf(WimFile w, int file) throws Exception {
        return w.location(w.readImage(1).root().child("f" + file).inode().unnamedData().hash())
                .entry().resource().offset();
    }

    /** Every blob copied ahead is taken: all are kept where they were copied (no second copy in file order). */
    @Test
    void batchesTakenAreKeptInTheOrderCopied() throws Exception {
        try (WimFile w = WimFile.open(batches("kept", t -> { }, -1))) {
            assertTrue(offsetOf(w, 0) > offsetOf(w, FILES - 1), "the second batch follows the first");
        }
    }

    /** The forecast missed one taken blob: it is copied after those copied ahead. */
    @Test
    void blobMissedByTheForecastIsCopiedAfter() throws Exception {
        try (WimFile w = WimFile.open(batches("missed", t -> { }, 10))) {
            assertTrue(offsetOf(w, 10) > offsetOf(w, 0), "the missed blob comes last");
            assertTrue(offsetOf(w, 0) > offsetOf(w, FILES - 1));
        }
    }

    /** A blob copied ahead but not taken cuts the copy there, leaving no gap. */
    @Test
    void blobCopiedAheadButNotTakenCutsTheCopy() throws Exception {
        batches("cut", t -> t.root().remove(t.root().child("f40")), -1);
    }

    /** A copy ahead that no useBlobsOf settles is given back when the image is added. */
    @Test
    void unsettledCopyIsDropped() throws Exception {
        try (WimFile ref = WimFile.open(reference())) {
            Path plain = dir.resolve("plain.wim");
            Path ahead = dir.resolve("ahead.wim");
            for (Path p : new Path[] {plain, ahead}) {
                try (WimWriter w = WimWriter.create(p, WriteOptions.defaults().compression(CompressionType.XPRESS))) {
                    if (p == ahead) {
                        w.copyAhead(ref, ref.readImage(1).root());
                    }
                    w.addImage(WimWriterOracleTest.sampleTree("b"), ImageInfo.of("other", ""));
                    w.commit();
                }
            }
            assertEquals(Files.size(plain), Files.size(ahead));
            try (WimFile a = WimFile.open(ahead)) {
                assertTrue(a.verify().ok(), a.verify().problems().toString());
            }
        }
    }
}
