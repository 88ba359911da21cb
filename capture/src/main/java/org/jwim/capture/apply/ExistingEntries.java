package org.jwim.capture.apply;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.jwim.common.Warning;

/**
 * What a directory apply does with entries already in its target: a non-directory where the
 * image has an entry is deleted (a link itself, never its target) so the entry can be created
 * anew, as wimlib does; nothing on another file system mounted inside the target is touched;
 * with no-clobber every existing entry stays. Entries left as they were are remembered so that
 * their times and attributes are not changed either. Thread-safe.
 */
final class ExistingEntries {
    private final Object device;
    private final boolean noClobber;
    private final Consumer<Warning> warn;
    private final Set<Path> untouched = Collections.synchronizedSet(new HashSet<>());

    /**
     * @param root      the target directory: entries must be on its file system
     * @param noClobber keep every existing entry (each reported)
     * @param warn      receives one warning per entry left as it was
     */
    ExistingEntries(Path root, boolean noClobber, Consumer<Warning> warn) throws IOException {
        this.device = MountBoundary.device(root.toRealPath());
        this.noClobber = noClobber;
        this.warn = warn;
    }

    /** Creates one entry; throws FileAlreadyExistsException if something is in the way. */
    interface Creation {
        void run() throws IOException;
    }

    /**
     * Runs {@code creation} of the image's {@code what} at {@code path}; if something is in the
     * way, {@link #replace replaces} it and runs it once more. False (warned) if the existing
     * entry was left as it was; other failures are thrown.
     */
    boolean create(Path path, String imagePath, String what, Creation creation) throws IOException {
        try {
            creation.run();
            return true;
        } catch (FileAlreadyExistsException x) {
            if (!replace(path, imagePath, what)) {
                return false;
            }
        }
        try {
            creation.run();
            return true;
        } catch (FileAlreadyExistsException x) {
            skip(path, new Warning(imagePath, Warning.Kind.SKIPPED,
                    "created by someone else while being replaced, " + what + " skipped"));
            return false;
        }
    }

    /**
     * Makes room at {@code path} for the image's {@code what} ("file", "directory, subtree",
     * ...): true once the existing non-directory there is deleted; false, warned and left as it
     * was, with no-clobber, for a directory, for a mount point, or when it cannot be deleted.
     */
    boolean replace(Path path, String imagePath, String what) throws IOException {
        String problem;
        if (noClobber) {
            problem = "already exists, " + what + " skipped (no-clobber)";
        } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            problem = "exists as a directory, " + what + " skipped";
        } else if (!MountBoundary.isOn(path, device)) {
            problem = "another file system is mounted here, " + what + " skipped";
        } else {
            try {
                Files.deleteIfExists(path);
                return true;
            } catch (FileSystemException x) {
                problem = "cannot replace the existing entry (" + FileErrors.reason(x) + "), " + what + " skipped";
            }
        }
        skip(path, new Warning(imagePath, Warning.Kind.PROTECTED, problem));
        return false;
    }

    /** True (warned, left as it was) if the existing directory {@code path} is another mount. */
    boolean isForeignMount(Path path, String imagePath) throws IOException {
        if (MountBoundary.isOn(path, device)) {
            return false;
        }
        skip(path, new Warning(imagePath, Warning.Kind.PROTECTED,
                "another file system is mounted here, subtree skipped"));
        return true;
    }

    /** True if the entry at {@code path} was left as it was. */
    boolean untouched(Path path) {
        return untouched.contains(path);
    }

    private void skip(Path path, Warning message) {
        untouched.add(path);
        warn.accept(message);
    }
}
