package org.jwim.capture.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.WimWriter;
import org.jwim.wim.WriteOptions;
import org.jwim.wim.blob.MemorySource;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.SecurityDescriptors;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.StreamKind;
import org.jwim.wim.model.StreamRef;

/** Host directory trees and in-memory image entries for capture and apply tests. */
public final class TestTrees {
    /** Size of sub/deeper/big.bin: several chunks of any chunk size, not chunk-aligned. */
    public static final int BIG_SIZE = (1 << 20) + 12345;
    /**
     * Target of the absolute symlinks: outside every tree and absent, as long as "/etc/passwd"
     * (so reparse sizes stay put); a link to a real file outside the temporary directory made
     * JUnit warn on every cleanup.
     */
    public static final String ABSENT_TARGET = "/jwim/absnt";
    private TestTrees() {
    }

    /**
     * A tree with a hard link pair, relative, directory and absolute symlinks, an empty file, an
     * empty directory, a Unicode name, a 1 MiB file, a sparse file (2 MiB hole) and old
     * timestamps (1999, 1960).
     */
    public static Path mixed(Path src) throws IOException {
        Files.createDirectories(src);
        Files.writeString(src.resolve("a.txt"), "hello\n");
        Files.createDirectories(src.resolve("sub/deeper"));
        Files.createLink(src.resolve("sub/b.txt"), src.resolve("a.txt"));
        Files.createSymbolicLink(src.resolve("rel"), Path.of("sub/b.txt"));
        Files.createSymbolicLink(src.resolve("dirlink"), Path.of("sub"));
        Files.createSymbolicLink(src.resolve("abs"), Path.of(ABSENT_TARGET));
        Files.createFile(src.resolve("empty"));
        Files.createDirectory(src.resolve("emptydir"));
        Files.writeString(src.resolve("sub/ünï €.txt"), "unicode");
        Files.write(src.resolve("sub/deeper/big.bin"), pattern(BIG_SIZE, 7));
        Files.writeString(src.resolve("sub/deeper/dup.txt"), "hello\n"); // same content as a.txt
        try (var ch = java.nio.channels.FileChannel.open(src.resolve("sparse.bin"),
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), 2 << 20); // 2 MiB hole, then data
        }
        setTimes(src.resolve("sub"), "1999-12-31T23:59:58Z");
        setTimes(src.resolve("empty"), "1999-12-31T23:59:58Z");
        setTimes(src.resolve("sub/deeper/dup.txt"), "1960-01-05T03:04:05Z");
        return src;
    }

    /** {@code size} deterministic bytes that differ by {@code seed}. */
    public static byte[] pattern(int size, int seed) {
        byte[] b = new byte[size];
        int x = seed * 0x9E3779B9 + 1;
        for (int i = 0; i < size; i++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            b[i] = (byte) x;
        }
        return b;
    }

    public static void setTimes(Path p, String isoInstant) throws IOException {
        FileTime t = FileTime.from(Instant.parse(isoInstant));
        Files.getFileAttributeView(p, BasicFileAttributeView.class).setTimes(t, t, null);
    }

    /** A file entry holding {@code data} in memory, archive attribute, fixed 2022 times. */
    public static Dentry file(String name, byte[] data) {
        Inode in = new Inode(Inode.ATTR_ARCHIVE).times(133_000_000_000_000_000L, 133_000_000_000_000_000L,
                133_000_000_000_000_000L);
        in.addStream(data.length == 0 ? StreamRef.empty(StreamKind.DATA, "")
                : StreamRef.fromSource(StreamKind.DATA, "", new MemorySource(data)));
        return new Dentry(name, in);
    }

    /** An uncompressed one-image WIM at {@code file} whose root holds {@code tops}. */
    public static Path wim(Path file, Dentry... tops) throws IOException {
        Dentry root = new Dentry("", new Inode(Inode.ATTR_DIRECTORY));
        for (Dentry d : tops) {
            root.add(d);
        }
        try (WimWriter w = WimWriter.create(file, WriteOptions.defaults().compression(CompressionType.NONE))) {
            w.addImage(new ImageTree(root, new SecurityDescriptors()), ImageInfo.of("test", ""));
            w.commit();
        }
        return file;
    }

    /** An empty directory entry with the same fixed times as {@link #file}. */
    public static Dentry dir(String name) {
        return new Dentry(name, new Inode(Inode.ATTR_DIRECTORY).times(133_000_000_000_000_000L,
                133_000_000_000_000_000L, 133_000_000_000_000_000L));
    }
}
