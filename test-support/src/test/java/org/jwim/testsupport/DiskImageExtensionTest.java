package org.jwim.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jwim.capture.disk.Disk;
import org.jwim.capture.disk.FileSystemKind;
import org.jwim.capture.disk.Volume;
import org.jwim.capture.disk.build.DiskBuilder;
import org.jwim.capture.disk.build.PartitionSpec;
import org.jwim.fat.FatVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension as a test author uses it, and its lifecycle driven by hand. */
class DiskImageExtensionTest {
    private static final Path CONTENT = content();
    private static int built;

    @RegisterExtension
    static final DiskImageExtension DISK = DiskImageExtension.of(() -> {
        built++;
        return DiskBuilder.gpt(128L << 20)
                .partition(PartitionSpec.fat32(64L << 20).label("DATA").fromDirectory(CONTENT))
                .partition(PartitionSpec.ntfs(0).fromDirectory(CONTENT));
    });

    private static Path content() {
        try {
            Path dir = Files.createTempDirectory("jwim-content-");
            Files.writeString(dir.resolve("hello.txt"), "hello");
            dir.toFile().deleteOnExit();
            dir.resolve("hello.txt").toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theDeclaredDiskIsThere() throws IOException {
        try (Disk d = Disk.open(DISK.path())) {
            assertEquals(List.of(FileSystemKind.FAT32, FileSystemKind.NTFS),
                    d.volumes().stream().map(Volume::fileSystem).toList());
            Volume fat = d.volumes().get(0);
            assertEquals("DATA", FatVolume.open(d.channel(), fat.offset(), fat.length()).label());
        }
    }

    @Test
    void itIsBuiltOncePerClass() {
        assertEquals(1, built);
        assertSame(DISK.path(), DISK.path());
    }

    @Test
    void afterAllDeletesTheImageAndItsDirectory() throws Exception {
        DiskImageExtension e = DiskImageExtension.of(() -> DiskBuilder.mbr(64L << 20)
                .partition(PartitionSpec.fat16(0))).named("other.img");
        assertThrows(IllegalStateException.class, e::path);
        e.beforeAll(null);
        Path p = e.path();
        assertTrue(Files.isRegularFile(p));
        assertEquals("other.img", p.getFileName().toString());
        e.afterAll(null);
        assertFalse(Files.exists(p.getParent()));
        assertThrows(IllegalStateException.class, e::path);
    }
}
