package org.jwim.capture.apply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Which file system an entry lives on, so that a wipe or an apply stays on the target's own
 * file system (as {@code rm --one-file-system}): an entry whose device differs from the
 * target root's is a mount point (or lies on one) and is left alone. Links are never followed.
 * Stateless and thread-safe.
 */
public final class MountBoundary {
    private MountBoundary() {
    }

    /**
     * The file system {@code p} itself lives on, without following a link: the POSIX device
     * number where the platform has one, else the {@link java.nio.file.FileStore}. Two entries
     * are on the same file system exactly when their values are equal.
     */
    public static Object device(Path p) throws IOException {
        try {
            return Files.getAttribute(p, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            // no POSIX device numbers (Windows): a link's own store is its directory's
            return Files.isSymbolicLink(p) ? Files.getFileStore(p.toAbsolutePath().getParent())
                    : Files.getFileStore(p);
        }
    }

    /** True if {@code p} (not followed) is on the file system identified by {@code device}. */
    public static boolean isOn(Path p, Object device) throws IOException {
        return Objects.equals(device(p), device);
    }

    /**
     * Why {@code dir} is not a safe whole-volume target, or null if it is: it must be the root
     * of a mounted file system (its device differs from its parent's, or it has no parent) and
     * not the root of the running system ({@code /}, or the Windows system drive).
     */
    public static String notAVolumeRoot(Path dir) throws IOException {
        Path real = dir.toRealPath();
        if (real.equals(systemRoot(real))) {
            return dir + " is the root of the running system";
        }
        Path parent = real.getParent();
        if (parent != null && Objects.equals(device(real), device(parent))) {
            return dir + " is not the root of a mounted file system (it is a directory on the file system of "
                    + parent + ")";
        }
        return null;
    }

    private static Path systemRoot(Path sample) {
        String windows = System.getenv("SystemRoot");
        if (windows != null && !windows.isEmpty()) {
            Path root = sample.getFileSystem().getPath(windows).getRoot();
            if (root != null) {
                return root;
            }
        }
        return sample.getFileSystem().getPath("/");
    }
}
