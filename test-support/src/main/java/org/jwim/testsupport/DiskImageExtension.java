package org.jwim.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jwim.capture.disk.build.DiskBuilder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Builds a disk image once per test class, before its first test, and deletes it after the
 * last; no root, mount or external tool is needed. Register it on a static field:
 * <pre>{@code
 * @RegisterExtension
 * static final DiskImageExtension DISK = DiskImageExtension.of(() -> DiskBuilder.gpt(256L << 20)
 *         .partition(PartitionSpec.esp(100L << 20).fromDirectory(Path.of("src/test/resources/esp")))
 *         .partition(PartitionSpec.ntfs(0).label("Windows").fromImage(Path.of("src/test/resources/os.wim"), 1)));
 *
 * @Test
 * void capturesTheDisk() throws IOException {
 *     try (Disk disk = Disk.open(DISK.path())) { ... }
 * }
 * }</pre>
 * The builder is called in {@code beforeAll}, so relative paths and fixtures made by other
 * static initialisers are ready. Each registration gets its own temporary directory.
 */
public final class DiskImageExtension implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<DiskBuilder> layout;
    private final String fileName;
    private Path dir;
    private Path path;

    private DiskImageExtension(Supplier<DiskBuilder> layout, String fileName) {
        this.layout = Objects.requireNonNull(layout);
        this.fileName = Objects.requireNonNull(fileName);
    }

    /** A disk built by the builder {@code layout} returns, as {@code disk.img}. */
    public static DiskImageExtension of(Supplier<DiskBuilder> layout) {
        return new DiskImageExtension(layout, "disk.img");
    }

    /** The same, with another file name (for tools that look at the extension). */
    public DiskImageExtension named(String name) {
        if (name.isEmpty() || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("a plain file name, got '" + name + "'");
        }
        return new DiskImageExtension(layout, name);
    }

    /**
     * The built disk image.
     *
     * @throws IllegalStateException outside the test class's lifetime (before beforeAll or
     *         after afterAll), or when the extension is not registered on a static field
     */
    public Path path() {
        if (path == null) {
            throw new IllegalStateException("the disk image exists only while the test class runs;"
                    + " register the extension on a static field");
        }
        return path;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("jwim-disk-");
        Path target = dir.resolve(fileName);
        try {
            layout.get().write(target);
        } catch (IOException | RuntimeException e) {
            delete(dir);
            dir = null;
            throw e;
        }
        path = target;
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        path = null;
        if (dir != null) {
            delete(dir);
            dir = null;
        }
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
