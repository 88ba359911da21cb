package org.jwim.capture.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.CaptureException;
import org.jwim.capture.testing.MemoryBlobs;
import org.jwim.capture.testing.TestTrees;
import org.jwim.capture.testing.TreeSnapshot;
import org.jwim.capture.internal.ReparseBuffers;
import org.jwim.capture.platform.PosixStat;
import org.jwim.capture.source.DirectorySource;
import org.jwim.common.Warning;
import org.jwim.wim.CancelledException;
import org.jwim.wim.ProgressEvent;
import org.jwim.wim.ProgressListener;
import org.jwim.wim.blob.MemorySource;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.StreamKind;
import org.jwim.wim.model.StreamRef;

class DirectoryTargetTest {
    @TempDir
    Path tmp;

    private Path makeSource() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("a.txt"), "hello\n");
        Files.createDirectories(src.resolve("sub/deeper"));
        Files.createLink(src.resolve("sub/b.txt"), src.resolve("a.txt"));
        Files.createSymbolicLink(src.resolve("rel"), Path.of("sub/b.txt"));
        Files.createSymbolicLink(src.resolve("dirlink"), Path.of("sub"));
        Files.createSymbolicLink(src.resolve("abs"), Path.of(TestTrees.ABSENT_TARGET));
        Files.createFile(src.resolve("empty"));
        Files.createDirectory(src.resolve("emptydir"));
        Files.writeString(src.resolve("sub/ünï €.txt"), "unicode");
        byte[] big = new byte[3 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + (i >> 12));
        }
        Files.write(src.resolve("sub/deeper/big.bin"), big);
        FileTime old = FileTime.from(Instant.parse("1999-12-31T23:59:58Z"));
        Files.getFileAttributeView(src.resolve("sub"), BasicFileAttributeView.class).setTimes(old, old, null);
        Files.getFileAttributeView(src.resolve("empty"), BasicFileAttributeView.class).setTimes(old, old, null);
        return src;
    }

    @Test
    void roundTripReproducesTree() throws IOException {
        Path src = makeSource();
        MemoryBlobs blobs = new MemoryBlobs();
        ImageTree tree = blobs.store(DirectorySource.of(src).scan());
        Path out = tmp.resolve("out");
        ApplyReport r = DirectoryTarget.of(out).apply(tree, blobs);
        assertEquals(TreeSnapshot.of(src, true), TreeSnapshot.of(out, true));
        assertEquals(3, r.symlinks());
        assertEquals(1, r.hardLinks());
        assertEquals(4, r.files());
        assertEquals(3, r.directories()); // sub, deeper, emptydir; the root is the target
        assertEquals(6 + 7 + (3 << 20), r.bytes());
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    /** A sparse file keeps its holes; other files are written whole (preallocated first). */
    @Test
    void sparseFileKeepsItsHoles() throws IOException {
        assumeTrue(PosixStat.available(), "allocated sizes are read on 64-bit Linux only");
        Path src = Files.createDirectories(tmp.resolve("src"));
        byte[] head = "head".getBytes(StandardCharsets.US_ASCII);
        long size = 8L << 20;
        try (FileChannel ch = FileChannel.open(src.resolve("sparse.bin"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(head), 0);
            ch.write(ByteBuffer.wrap(head), size - head.length);
        }
        byte[] dense = new byte[1 << 20]; // all zeros, but not sparse: must be allocated
        Files.write(src.resolve("dense.bin"), dense);
        MemoryBlobs blobs = new MemoryBlobs();
        ImageTree tree = blobs.store(DirectorySource.of(src).scan());
        assumeTrue((tree.root().child("sparse.bin").inode().attributes() & Inode.ATTR_SPARSE_FILE) != 0,
                "this file system keeps no holes");
        Path out = tmp.resolve("out");
        DirectoryTarget.of(out).apply(tree, blobs);
        assertEquals(TreeSnapshot.of(src, true), TreeSnapshot.of(out, true));
        assertTrue(PosixStat.allocatedBytes(out.resolve("sparse.bin"), size).orElseThrow() < 1 << 20);
        assertTrue(PosixStat.allocatedBytes(out.resolve("dense.bin"), dense.length).orElseThrow() >= dense.length);
    }

    /** Many files and hard links written by several threads, in tree order and in read order. */
    @Test
    void parallelDataPhaseMatchesSerial() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("many"));
        for (int i = 0; i < 200; i++) {
            Path d = Files.createDirectories(src.resolve("d" + (i % 7)));
            Files.write(d.resolve("f" + i), ("content " + i % 50 + " ").repeat(1 + i * 37).getBytes(StandardCharsets.UTF_8));
            if (i % 10 == 0) {
                Files.createLink(d.resolve("link" + i), d.resolve("f" + i));
            }
        }
        MemoryBlobs blobs = new MemoryBlobs();
        ImageTree tree = blobs.store(DirectorySource.of(src).scan());
        Map<String, String> expected = TreeSnapshot.of(src, true);
        for (int threads : new int[] {1, 4}) {
            Path out = tmp.resolve("out" + threads);
            ApplyReport r = DirectoryTarget.of(out).fixedWriters(threads).readOrder(h -> h.hashCode()).apply(tree, blobs);
            assertEquals(expected, TreeSnapshot.of(out, true), threads + " threads");
            assertEquals(200, r.files());
            assertEquals(20, r.hardLinks());
        }
    }

    @Test
    void extractSelectedSubtrees() throws IOException {
        Path src = makeSource();
        MemoryBlobs blobs = new MemoryBlobs();
        ImageTree tree = blobs.store(DirectorySource.of(src).scan());
        Path out = tmp.resolve("x");
        DirectoryTarget.of(out).extract(List.of(tree.root().child("sub"), tree.root().child("a.txt")), blobs);
        Map<String, String> got = TreeSnapshot.of(out, false);
        assertEquals("dir", got.get("sub"));
        assertTrue(got.get("a.txt").startsWith("file 6 "));
        assertTrue(got.containsKey("sub/deeper/big.bin"));
        assertFalse(got.containsKey("rel"));
    }

    @Test
    void corruptBlobFailsApplyUnlessSkipped() throws IOException {
        ImageTree tree = ImageTree.empty();
        byte[] good = "good".getBytes(StandardCharsets.UTF_8);
        byte[] bad = "tampered".getBytes(StandardCharsets.UTF_8);
        Sha1 goodHash = Sha1.digest(good);
        Sha1 badHash = Sha1.digest("original".getBytes(StandardCharsets.UTF_8));
        MemoryBlobs blobs = new MemoryBlobs();
        blobs.put(goodHash, good);
        blobs.put(badHash, bad);
        tree.root().add(file("ok.txt", StreamRef.ofBlob(StreamKind.DATA, "", 4, goodHash)));
        Dentry broken = tree.root().add(file("broken.txt", StreamRef.ofBlob(StreamKind.DATA, "", 8, badHash)));
        tree.root().add(new Dentry("broken-link.txt", broken.inode()));

        Path strict = tmp.resolve("strict");
        CaptureException e = assertThrows(CaptureException.class,
                () -> DirectoryTarget.of(strict).apply(tree, blobs));
        assertTrue(e.getMessage().contains("broken.txt"), e.getMessage());
        assertFalse(Files.exists(strict.resolve("broken.txt")));

        Path lenient = tmp.resolve("lenient");
        ApplyReport r = DirectoryTarget.of(lenient).skipCorrupt(true).apply(tree, blobs);
        assertEquals(List.of("/broken.txt", "/broken-link.txt"), r.corrupt());
        assertFalse(Files.exists(lenient.resolve("broken.txt")));
        assertFalse(Files.exists(lenient.resolve("broken-link.txt")));
        assertEquals("good", Files.readString(lenient.resolve("ok.txt")));
    }

    /** A symlink "a" to a directory outside plus a directory "a" with a file: nothing escapes. */
    @Test
    void neverWritesThroughImageSymlinks() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        MemoryBlobs blobs = new MemoryBlobs();
        ImageTree tree = ImageTree.empty();
        tree.root().add(symlink("a", outside.toString(), blobs));
        Dentry dirA = tree.root().add(new Dentry("a", new Inode(Inode.ATTR_DIRECTORY)));
        byte[] payload = "pwned".getBytes(StandardCharsets.UTF_8);
        Sha1 h = Sha1.digest(payload);
        blobs.put(h, payload);
        dirA.add(file("f", StreamRef.ofBlob(StreamKind.DATA, "", payload.length, h)));
        // a file named like the link and a second link with the same name
        tree.root().add(file("b", StreamRef.ofBlob(StreamKind.DATA, "", payload.length, h)));
        tree.root().add(symlink("b", outside.resolve("b2").toString(), blobs));
        Dentry dirB = tree.root().add(new Dentry("b", new Inode(Inode.ATTR_DIRECTORY)));
        dirB.add(file("g", StreamRef.ofBlob(StreamKind.DATA, "", payload.length, h)));

        Path out = tmp.resolve("out");
        ApplyReport r = DirectoryTarget.of(out).apply(tree, blobs);
        try (var s = Files.list(outside)) {
            assertEquals(0, s.count(), "nothing may be written outside the target");
        }
        assertFalse(Files.exists(outside.resolve("b2"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.isDirectory(out.resolve("a"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(r.warnings().isEmpty());
    }

    @Test
    void unsafeNamesAreRejected() throws IOException {
        MemoryBlobs blobs = new MemoryBlobs();
        byte[] payload = "x".getBytes(StandardCharsets.UTF_8);
        Sha1 h = Sha1.digest(payload);
        blobs.put(h, payload);
        ImageTree tree = ImageTree.empty();
        for (String bad : new String[] {"..", ".", "../escape", "a/b", "a\\b", "nul\0x"}) {
            tree.root().add(file(bad, StreamRef.ofBlob(StreamKind.DATA, "", 1, h)));
        }
        Dentry up = tree.root().add(new Dentry("..", new Inode(Inode.ATTR_DIRECTORY)));
        up.add(file("escaped", StreamRef.ofBlob(StreamKind.DATA, "", 1, h)));
        Path out = tmp.resolve("deep/out");
        ApplyReport r = DirectoryTarget.of(out).apply(tree, blobs);
        assertEquals(7, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().stream().allMatch(w -> w.kind() == Warning.Kind.NAME_CLASH), r.warnings().toString());
        try (var s = Files.list(out)) {
            assertEquals(0, s.count());
        }
        assertFalse(Files.exists(tmp.resolve("deep/escape")));
        assertFalse(Files.exists(tmp.resolve("deep/escaped")));
        assertFalse(Files.exists(tmp.resolve("escaped")));
    }

    @Test
    void unrepresentableEntriesAreSkippedNotFatal() throws IOException {
        MemoryBlobs blobs = new MemoryBlobs();
        byte[] payload = "x".getBytes(StandardCharsets.UTF_8);
        Sha1 h = Sha1.digest(payload);
        blobs.put(h, payload);
        ImageTree tree = ImageTree.empty();
        String tooLong = "n".repeat(300);
        tree.root().add(file(tooLong, StreamRef.ofBlob(StreamKind.DATA, "", 1, h)));
        tree.root().add(new Dentry(tooLong + "d", new Inode(Inode.ATTR_DIRECTORY)))
                .add(file("inner", StreamRef.ofBlob(StreamKind.DATA, "", 1, h)));
        tree.root().add(file("bad\uD800surrogate", StreamRef.ofBlob(StreamKind.DATA, "", 1, h)));
        tree.root().add(file("ok", StreamRef.ofBlob(StreamKind.DATA, "", 1, h)));
        Path out = tmp.resolve("out");
        ApplyReport r = DirectoryTarget.of(out).apply(tree, blobs);
        assertEquals("x", Files.readString(out.resolve("ok")));
        assertEquals(1, r.files());
        assertTrue(r.warnings().size() >= 2, r.warnings().toString());
    }

    @Test
    void existingSymlinkInTargetIsNotFollowed() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.createSymbolicLink(out.resolve("d"), outside);
        Files.createSymbolicLink(out.resolve("f"), outside.resolve("f"));
        MemoryBlobs blobs = new MemoryBlobs();
        byte[] payload = "x".getBytes(StandardCharsets.UTF_8);
        Sha1 h = Sha1.digest(payload);
        blobs.put(h, payload);
        ImageTree tree = ImageTree.empty();
        tree.root().add(new Dentry("d", new Inode(Inode.ATTR_DIRECTORY)))
                .add(file("inner", StreamRef.ofBlob(StreamKind.DATA, "", 1, h)));
        tree.root().add(file("f", StreamRef.ofBlob(StreamKind.DATA, "", 1, h)));
        ApplyReport kept = DirectoryTarget.of(out).noClobber(true).apply(tree, blobs);
        assertEquals(2, kept.warnings().size(), kept.warnings().toString());
        assertEquals(List.of("/d", "/f"), kept.warnings().stream().map(Warning::path).sorted().toList());
        assertTrue(kept.warnings().stream().allMatch(w -> w.kind() == Warning.Kind.PROTECTED), kept.warnings().toString());
        assertTrue(Files.isSymbolicLink(out.resolve("d")) && Files.isSymbolicLink(out.resolve("f")));
        ApplyReport replaced = DirectoryTarget.of(out).apply(tree, blobs);
        assertEquals(List.of(), replaced.warnings());
        assertTrue(Files.isDirectory(out.resolve("d"), LinkOption.NOFOLLOW_LINKS), "the link was replaced");
        assertEquals("x", Files.readString(out.resolve("d/inner")));
        assertTrue(Files.isRegularFile(out.resolve("f"), LinkOption.NOFOLLOW_LINKS), "the link was replaced");
        try (var s = Files.list(outside)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void progressReachesTheTotalAndCancellationStops() throws IOException {
        Path src = makeSource();
        MemoryBlobs blobs = new MemoryBlobs();
        ImageTree tree = blobs.store(DirectorySource.of(src).scan());
        List<ProgressEvent.ApplyProgress> events = new java.util.ArrayList<>();
        ApplyReport r = DirectoryTarget.of(tmp.resolve("out")).progress(e -> events.add((ProgressEvent.ApplyProgress) e))
                .apply(tree, blobs);
        ProgressEvent.ApplyProgress last = events.get(events.size() - 1);
        assertEquals(r.bytes(), last.bytesTotal());
        assertEquals(r.bytes(), last.bytesDone());
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).bytesDone() >= events.get(i - 1).bytesDone());
        }

        ProgressListener cancelAtOnce = new ProgressListener() {
            @Override
            public void onEvent(ProgressEvent event) {
            }

            @Override
            public boolean cancelled() {
                return true;
            }
        };
        Path out2 = tmp.resolve("out2");
        assertThrows(CancelledException.class, () -> DirectoryTarget.of(out2).progress(cancelAtOnce).apply(tree, blobs));
        assertFalse(Files.exists(out2.resolve("sub/deeper/big.bin")));
    }

    private static Dentry file(String name, StreamRef data) {
        Inode inode = new Inode(Inode.ATTR_NORMAL);
        inode.addStream(data);
        return new Dentry(name, inode);
    }

    private static Dentry symlink(String name, String unixTarget, MemoryBlobs blobs) {
        byte[] rp = ReparseBuffers.symlinkFromUnix(unixTarget);
        Inode inode = new Inode(Inode.ATTR_REPARSE_POINT).reparse(Inode.TAG_SYMLINK, 0, Inode.RP_FLAG_NOT_FIXED);
        inode.addStream(StreamRef.fromSource(StreamKind.REPARSE, "", new MemorySource(rp)));
        Sha1 h = Sha1.digest(rp);
        blobs.put(h, rp);
        inode.streams().get(0).resolve(rp.length, h);
        return new Dentry(name, inode);
    }
}
