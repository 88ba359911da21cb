package org.jwim.capture.apply;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.jwim.capture.CaptureException;

/**
 * Deletes everything in a directory (a mounted volume) except the protected root entries.
 * Symbolic links are deleted, never followed, so a link cannot lead the wipe outside the
 * directory. Stateless.
 */
public final class DirectoryWipe {
    private DirectoryWipe() {
    }

    /**
     * What was (or, with {@code dryRun}, would be) kept and removed at the root.
     *
     * @param kept    root entries kept (protected)
     * @param removed root entries deleted with everything below them
     */
    public record Result(List<String> kept, List<String> removed) {
        public Result {
            kept = List.copyOf(kept);
            removed = List.copyOf(removed);
        }
    }

    /** Wipes {@code dir} except entries {@code protection} matches. */
    public static Result wipe(Path dir, Protection protection, boolean dryRun) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new CaptureException(dir + ": not a directory");
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(entries::add);
        }
        entries.sort(null);
        List<String> kept = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (protection.matches(name)) {
                kept.add(name);
                continue;
            }
            removed.add(name);
            if (!dryRun) {
                deleteTree(p);
            }
        }
        return new Result(kept, removed);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(p);
            return;
        }
        // walkFileTree does not follow links by default: a link is visited as a file
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
