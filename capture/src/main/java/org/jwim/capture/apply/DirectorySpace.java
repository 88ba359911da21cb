package org.jwim.capture.apply;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;

/**
 * The room an image takes in a host directory, from the file system's free space and block
 * size ({@link FileStore}): every file rounded up to whole blocks (hard links once), one block
 * per directory and link. What the wipe deletes counts as freed when it is a plain file of the
 * same file system with no other name. Stateless.
 */
final class DirectorySpace {
    private static final long DEFAULT_BLOCK = 4096;

    private DirectorySpace() {
    }

    static SpaceEstimate estimate(Path dir, ImageTree tree, Predicate<Dentry> keeps, List<String> removed)
            throws IOException {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new IOException(dir + ": no existing parent directory");
        }
        FileStore store = Files.getFileStore(existing);
        long block = blockSize(store);
        long needed = 0;
        Set<Inode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Dentry> stack = new ArrayDeque<>();
        for (Dentry d : tree.root().children()) {
            if (!keeps.test(d)) {
                stack.push(d);
            }
        }
        while (!stack.isEmpty()) {
            Dentry d = stack.pop();
            Inode inode = d.inode();
            if (!seen.add(inode)) {
                continue;
            }
            if (inode.isDirectory() && !inode.isReparsePoint()) {
                needed += block;
                stack.addAll(d.children());
            } else {
                long size = inode.unnamedData() == null ? 0 : inode.unnamedData().size();
                needed += Math.max(block, (size + block - 1) / block * block);
            }
        }
        if (store.getTotalSpace() == 0) {
            return new SpaceEstimate(needed, SpaceEstimate.UNKNOWN, null);   // a pseudo or remote file system
        }
        long freed = 0;
        for (String name : removed) {
            freed += freed(existing.resolve(name), store, block);
        }
        return new SpaceEstimate(needed, store.getUsableSpace() + freed, null);
    }

    private static long blockSize(FileStore store) {
        try {
            long b = store.getBlockSize();
            return b > 0 ? b : DEFAULT_BLOCK;
        } catch (IOException | UnsupportedOperationException e) {
            return DEFAULT_BLOCK;
        }
    }

    /** Bytes the deletion of {@code top} gives back: single-named plain files on {@code store}. */
    private static long freed(Path top, FileStore store, long block) throws IOException {
        long[] bytes = {0};
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                return Files.getFileStore(d).equals(store) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && links(file) == 1) {
                    bytes[0] += attrs.size() / block * block;       // rounded down: never more than is freed
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return bytes[0];
    }

    /** Names of a file (1 where the host cannot tell). */
    private static int links(Path file) {
        try {
            return (Integer) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return 1;
        }
    }
}
