package org.jwim.capture.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.CaptureException;
import org.jwim.capture.testing.TestTrees;
import org.jwim.capture.internal.FileTimes;
import org.jwim.capture.internal.ReparseBuffers;
import org.jwim.wim.CancelledException;
import org.jwim.wim.ProgressEvent;
import org.jwim.wim.ProgressListener;
import org.jwim.wim.blob.HostFileSource;
import org.jwim.wim.blob.MemorySource;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.StreamKind;
import org.jwim.wim.model.StreamRef;

class DirectorySourceTest {
    @TempDir
    Path dir;

    @Test
    void scansFilesDirectoriesLinksLikeWimlibUnixCapture() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "hello\n");
        Files.createDirectories(dir.resolve("sub/deeper"));
        Files.createLink(dir.resolve("sub/b.txt"), dir.resolve("a.txt"));
        Files.createSymbolicLink(dir.resolve("rel"), Path.of("sub/b.txt"));
        Files.createSymbolicLink(dir.resolve("abs"), Path.of(TestTrees.ABSENT_TARGET));
        Files.createSymbolicLink(dir.resolve("dirlink"), Path.of("sub"));
        Files.createFile(dir.resolve("empty"));
        Files.createDirectory(dir.resolve("emptydir"));
        Files.writeString(dir.resolve("ünï €.txt"), "x");
        FileTime mtime = FileTime.from(Instant.parse("2021-03-04T05:06:07.123456789Z"));
        FileTime atime = FileTime.from(Instant.parse("2022-01-01T00:00:00.5Z"));
        Files.getFileAttributeView(dir.resolve("a.txt"), BasicFileAttributeView.class)
                .setTimes(mtime, atime, null);

        ImageTree tree = DirectorySource.of(dir).scan();
        Dentry root = tree.root();
        assertEquals(Inode.ATTR_DIRECTORY, root.inode().attributes());
        assertEquals(List.of("a.txt", "abs", "dirlink", "empty", "emptydir", "rel", "sub", "ünï €.txt"),
                root.children().stream().map(Dentry::name).toList());

        Inode a = root.child("a.txt").inode();
        assertEquals(Inode.ATTR_NORMAL, a.attributes());
        assertEquals(FileTimes.toFiletime(mtime), a.lastWriteTime());
        assertEquals(a.lastWriteTime(), a.creationTime());
        assertEquals(FileTimes.toFiletime(atime), a.lastAccessTime());
        StreamRef data = a.unnamedData();
        assertEquals(6, data.size());
        assertNull(data.hash());
        HostFileSource src = (HostFileSource) data.source();
        assertEquals(dir.resolve("a.txt"), src.path());
        // hard link: one inode, two dentries
        Dentry b = root.child("sub").child("b.txt");
        assertSame(a, b.inode());
        assertEquals(2, a.dentries().size());

        Inode rel = root.child("rel").inode();
        assertEquals(Inode.ATTR_REPARSE_POINT, rel.attributes());
        assertEquals(Inode.TAG_SYMLINK, rel.reparseTag());
        assertEquals(Inode.RP_FLAG_NOT_FIXED, rel.reparseFlags());
        StreamRef rp = rel.stream(StreamKind.REPARSE, "");
        assertNotNull(rp);
        assertTrue(java.util.Arrays.equals(ReparseBuffers.symlinkFromUnix("sub/b.txt"),
                ((MemorySource) rp.source()).data()));
        assertEquals(0, rel.unnamedData().size());
        assertEquals(2, rel.streams().size());

        Inode dirlink = root.child("dirlink").inode();
        assertEquals(Inode.ATTR_REPARSE_POINT | Inode.ATTR_DIRECTORY, dirlink.attributes());
        assertTrue(root.child("dirlink").children().isEmpty());
        assertEquals(1, dirlink.streams().size()); // reparse only: directories have no data stream

        Inode abs = root.child("abs").inode();
        assertEquals(76, abs.stream(StreamKind.REPARSE, "").size());

        assertEquals(0, root.child("empty").inode().unnamedData().size());
        assertEquals(Inode.ATTR_DIRECTORY, root.child("emptydir").inode().attributes());
        assertTrue(root.child("emptydir").children().isEmpty());
        assertEquals(List.of("deeper", "b.txt").stream().sorted().toList(),
                root.child("sub").children().stream().map(Dentry::name).toList());
        assertEquals(1, root.child("ünï €.txt").inode().unnamedData().size());
    }

    @Test
    void sparseFilesAreMarkedLikeWimlib() throws IOException {
        org.jwim.capture.testing.OracleTools.requireEnvironment(org.jwim.capture.platform.PosixStat.available(),
                "allocated sizes are only read on 64-bit Linux");
        try (var ch = java.nio.channels.FileChannel.open(dir.resolve("sparse"),
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {1}), 4 << 20);
        }
        Files.write(dir.resolve("dense"), new byte[1 << 16]);
        ImageTree tree = DirectorySource.of(dir).scan();
        assertEquals(Inode.ATTR_SPARSE_FILE, tree.root().child("sparse").inode().attributes());
        assertEquals((4 << 20) + 1, tree.root().child("sparse").inode().unnamedData().size());
        assertEquals(Inode.ATTR_NORMAL, tree.root().child("dense").inode().attributes());
    }

    @Test
    void sortKeysFollowScanOrder() throws IOException {
        for (String n : new String[] {"c", "a", "b"}) {
            Files.writeString(dir.resolve(n), n);
        }
        ImageTree tree = DirectorySource.of(dir).scan();
        List<Long> keys = new ArrayList<>();
        for (Dentry d : tree.root().children()) {
            keys.add(d.inode().unnamedData().source().sortKey());
        }
        assertEquals(List.of(0L, 1L, 2L), keys);
    }

    @Test
    void exclusionPredicateSkipsSubtrees() throws IOException {
        Files.createDirectories(dir.resolve("keep/skip"));
        Files.writeString(dir.resolve("keep/skip/f"), "x");
        Files.writeString(dir.resolve("keep/g.tmp"), "x");
        Files.writeString(dir.resolve("keep/h"), "x");
        ImageTree tree = DirectorySource.of(dir)
                .exclude(p -> p.toString().equals("keep/skip") || p.toString().endsWith(".tmp"))
                .scan();
        assertEquals(List.of("h"),
                tree.root().child("keep").children().stream().map(Dentry::name).toList());
    }

    @Test
    void deepTreesDoNotRecurse() throws IOException {
        Path p = dir;
        StringBuilder rel = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            rel.append(i == 0 ? "" : "/").append('d');
        }
        // 300 levels of "d" (path length ~600 bytes stays below PATH_MAX)
        p = Files.createDirectories(dir.resolve(rel.toString()));
        Files.writeString(p.resolve("leaf"), "leaf", StandardCharsets.UTF_8);
        Dentry d = DirectorySource.of(dir).scan().root();
        int depth = 0;
        while (d.child("d") != null) {
            d = d.child("d");
            depth++;
        }
        assertEquals(300, depth);
        assertNotNull(d.child("leaf"));
    }

    @Test
    void specialAndUnreadableEntriesAreReportedAndSkipped() throws Exception {
        Files.writeString(dir.resolve("ok"), "ok");
        Process p = new ProcessBuilder("mkfifo", dir.resolve("fifo").toString()).start();
        boolean fifo = p.waitFor() == 0;
        List<String> warnings = new ArrayList<>();
        ImageTree tree = DirectorySource.of(dir).warnings(w -> warnings.add(w.toString())).scan();
        assertNotNull(tree.root().child("ok"));
        if (fifo) {
            assertNull(tree.root().child("fifo"));
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("fifo"));
        }
    }

    @Test
    void scanReportsProgressAndCanBeCancelled() throws IOException {
        Files.createDirectories(dir.resolve("d1/d2"));
        Files.writeString(dir.resolve("d1/f"), "12345");
        Files.writeString(dir.resolve("d1/d2/g"), "123");
        List<ProgressEvent.Scan> events = new ArrayList<>();
        DirectorySource.of(dir).progress(e -> events.add((ProgressEvent.Scan) e)).scan();
        assertEquals(3, events.size()); // one per directory
        assertEquals(4, events.get(2).files());
        assertEquals(8, events.get(2).bytes());
        ProgressListener cancel = new ProgressListener() {
            @Override
            public void onEvent(ProgressEvent event) {
            }

            @Override
            public boolean cancelled() {
                return true;
            }
        };
        assertThrows(CancelledException.class, () -> DirectorySource.of(dir).progress(cancel).scan());
    }

    @Test
    void rootMustBeADirectory() throws IOException {
        Path f = Files.writeString(dir.resolve("f"), "x");
        assertThrows(CaptureException.class, () -> DirectorySource.of(f).scan());
        assertThrows(CaptureException.class, () -> DirectorySource.of(dir.resolve("missing")).scan());
    }
}
