package org.jwim.capture.apply;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jwim.capture.CaptureException;

/**
 * Deletes everything in a directory (a mounted volume) except the protected root entries.
 * Symbolic links are deleted, never followed, so a link cannot lead the wipe outside the
 * directory; and the wipe stays on the directory's own file system (as
 * {@code rm --one-file-system}): a mount point inside it, and everything below, is left as it
 * is, together with the directories that lead to it. Stateless.
 */
public final class DirectoryWipe {
    private DirectoryWipe() {
    }

    /**
     * What was (or, with {@code dryRun}, would be) kept and removed at the root.
     *
     * @param kept        root entries kept (protected)
     * @param removed     root entries deleted with everything below them (those holding a mount
     *                    point are emptied around it)
     * @param mountPoints mount points left in place, relative to the wiped directory
     */
    public record Result(List<String> kept, List<String> removed, List<String> mountPoints) {
        public Result {
            kept = List.copyOf(kept);
            removed = List.copyOf(removed);
            mountPoints = List.copyOf(mountPoints);
        }
    }

    /**
     * Wipes {@code dir} except entries {@code protection} matches and other file systems
     * mounted inside it. A failure midway throws a {@link CaptureException} that names what was
     * already removed.
     */
    public static Result wipe(Path dir, Protection protection, boolean dryRun) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new CaptureException(dir + ": not a directory");
        }
        Object device = MountBoundary.device(dir);
        List<String> kept = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> mounts = new ArrayList<>();
        for (Path p : children(dir)) {
            String name = p.getFileName().toString();
            if (protection.matches(name)) {
                kept.add(name);
                continue;
            }
            if (!MountBoundary.isOn(p, device)) {
                mounts.add(name); // a mount point at the root is neither kept nor removed
                continue;
            }
            try {
                remove(dir, p, device, dryRun, mounts);
            } catch (IOException e) {
                Path at = failedAt(e, p);
                throw new CaptureException(dir + ": wipe stopped at " + (at.startsWith(dir) ? dir.relativize(at) : at) + " ("
                        + FileErrors.reason(e) + "); already removed: "
                        + (removed.isEmpty() ? "nothing" : String.join(", ", removed))
                        + " (and possibly part of " + name + ")", e);
            }
            removed.add(name);
        }
        return new Result(kept, removed, mounts);
    }

    /**
     * Removes {@code p} and what is below it on {@code device}; returns false if something
     * (a mount point) had to stay, so the directories leading to it stay too.
     */
    private static boolean remove(Path root, Path p, Object device, boolean dryRun, List<String> mounts)
            throws IOException {
        if (!MountBoundary.isOn(p, device)) {
            mounts.add(root.relativize(p).toString());
            return false;
        }
        boolean empty = true;
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            for (Path c : children(p)) {
                empty &= remove(root, c, device, dryRun, mounts);
            }
        }
        if (empty && !dryRun) {
            Files.delete(p);
        }
        return empty;
    }

    private static List<Path> children(Path dir) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(entries::add);
        }
        entries.sort(null);
        return entries;
    }

    private static Path failedAt(IOException e, Path fallback) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return fallback.getFileSystem().getPath(f.getFile());
        }
        return fallback;
    }
}
