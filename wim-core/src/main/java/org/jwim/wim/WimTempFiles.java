package org.jwim.wim;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * The temporary files a {@link WimWriter} writes beside its target (".NAME.jwim-HEX.tmp") and
 * renames into place on commit, and the lock of a WIM appended to in place. A writer holds a lock on its file while it lives, so that a
 * later commit of the same target can tell the files of killed writers (no lock: the process
 * that held it is gone) from those of running ones, and delete only the former.
 */
final class WimTempFiles {
    private static final String INFIX = ".jwim-";
    private static final String SUFFIX = ".tmp";
    /**
     * The locked range: one byte no read or write reaches, so that Windows' mandatory locks
     * leave the file's data alone.
     */
    private static final long LOCK_AT = Long.MAX_VALUE - 1;

    private WimTempFiles() {
    }

    static Path beside(Path target) {
        Path abs = target.toAbsolutePath();
        String name = "." + abs.getFileName() + INFIX + Long.toHexString(new SecureRandom().nextLong()) + SUFFIX;
        return abs.resolveSibling(name);
    }

    /** See {@link WimWriter#isTemporaryName}. */
    static boolean isTemporaryName(String name, String targetName) {
        String prefix = "." + targetName + INFIX;
        return name.startsWith(prefix) && name.endsWith(SUFFIX)
                && name.length() > prefix.length() + SUFFIX.length()
                && name.substring(prefix.length(), name.length() - SUFFIX.length()).matches("[0-9a-f]+");
    }

    /**
     * Locks a writer's temporary file on the local file system for as long as {@code channel} is
     * open; null elsewhere (a share: its backend removes stale files itself) or where the file
     * system has no locks.
     */
    static FileLock hold(Path temp, FileChannel channel) {
        if (temp.getFileSystem() != FileSystems.getDefault()) {
            return null;
        }
        try {
            return channel.tryLock(LOCK_AT, 1, false);
        } catch (IOException | UnsupportedOperationException | OverlappingFileLockException e) {
            return null;
        }
    }

    /**
     * Locks {@code wim} for an append in place until {@code channel} closes; fails if another
     * writer holds it. Where the file system has no locks, the WIM stays unlocked.
     */
    static void lockForAppend(Path wim, FileChannel channel) throws WimException {
        FileLock lock;
        try {
            lock = channel.tryLock(LOCK_AT, 1, false);
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        if (lock == null) {
            throw new WimException(wim + " is being written by another process");
        }
    }

    /**
     * Deletes the temporary files of killed writers of {@code target} (local file system only).
     * Best effort: the target is already in place, so a file that cannot be locked or deleted
     * stays, and nothing is thrown.
     */
    static void removeStale(Path target) {
        Path abs = target.toAbsolutePath();
        if (abs.getFileSystem() != FileSystems.getDefault() || abs.getParent() == null) {
            return;
        }
        String name = abs.getFileName().toString();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(abs.getParent(),
                p -> isTemporaryName(p.getFileName().toString(), name))) {
            for (Path stale : dir) {
                removeIfUnlocked(stale);
            }
        } catch (IOException | RuntimeException e) {
            // the listing failed: nothing removed, the commit stands
        }
    }

    private static void removeIfUnlocked(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE);
                FileLock lock = ch.tryLock(LOCK_AT, 1, false)) {
            if (lock != null) {
                Files.delete(file);
            }
        } catch (IOException | RuntimeException e) {
            // held by a writer in this JVM (OverlappingFileLockException), or gone already
        }
    }
}
