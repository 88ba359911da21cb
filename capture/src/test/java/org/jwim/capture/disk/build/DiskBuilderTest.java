package org.jwim.capture.disk.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jwim.capture.Capture;
import org.jwim.capture.disk.Disk;
import org.jwim.capture.disk.FileSystemKind;
import org.jwim.capture.disk.Partition;
import org.jwim.capture.disk.Volume;
import org.jwim.wim.WimFile;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds disks with no external tool (pure Java) and reads them back with jwim's own partition
 * parser and disk capture: the table, file systems and every file must come back.
 */
class DiskBuilderTest {
    @TempDir
    Path tmp;

    @Test
    void gptUefiLayoutFromWimCapturesBackToTheSourceImages() throws Exception {
        Path wim = BuildFixtures.wim(tmp);
        Path img = tmp.resolve("uefi.img");
        DiskBuilder.gpt(200L << 20).seed(1)
                .partition(PartitionSpec.esp(64L << 20).label("SYSTEM").fromImage(wim, 1))
                .partition(PartitionSpec.msr(16L << 20))
                .partition(PartitionSpec.ntfs(0).label("Windows").fromImage(wim, 2))
                .write(img);
        try (Disk d = Disk.open(img)) {
            List<Partition> p = d.table().partitions();
            assertEquals(3, p.size());
            assertEquals(List.of(1L << 20, 65L << 20, 81L << 20), p.stream().map(Partition::offset).toList());
            assertEquals(List.of(FileSystemKind.FAT32, FileSystemKind.UNFORMATTED, FileSystemKind.NTFS),
                    d.volumes().stream().map(Volume::fileSystem).toList());
            assertEquals(List.of(), d.warnings());
        }
        assertCapturesBack(img, wim, 1, 2);
    }

    @Test
    void mbrWithLogicalPartitions() throws Exception {
        Path wim = BuildFixtures.wim(tmp);
        Path img = tmp.resolve("mbr.img");
        DiskBuilder.mbr(700L << 20).seed(2)
                .partition(PartitionSpec.ntfs(40L << 20).label("System").markActive().fromImage(wim, 1))
                .partition(PartitionSpec.fat16(40L << 20))
                .partition(PartitionSpec.ntfs(40L << 20))
                .partition(PartitionSpec.fat32(300L << 20).label("DATA").fromImage(wim, 2))
                .partition(PartitionSpec.ntfs(0).label("Windows").fromImage(wim, 2))
                .write(img);
        try (Disk d = Disk.open(img)) {
            List<Partition> p = d.table().partitions();
            assertEquals(List.of(1, 2, 3, 5, 6), p.stream().map(Partition::number).toList());
            assertEquals(List.of(FileSystemKind.NTFS, FileSystemKind.FAT16, FileSystemKind.NTFS,
                    FileSystemKind.FAT32, FileSystemKind.NTFS), d.volumes().stream().map(Volume::fileSystem).toList());
            for (Partition q : p) {
                assertEquals(0, q.offset() % (1 << 20), "partition " + q.number() + " is 1 MiB aligned");
            }
        }
        // the captured volumes in disk order: System (image 1), empty NTFS, DATA (image 2), Windows (image 2)
        assertCapturesBack(img, wim, 1, 0, 2, 2);
    }

    @Test
    void gptWith4kSectors() throws Exception {
        Path wim = BuildFixtures.wim(tmp);
        Path img = tmp.resolve("gpt4k.img");
        // a FAT32 ESP on 4 KiB sectors needs 65525 clusters of 4 KiB: 260 MiB, as on Windows
        DiskBuilder.gpt(500L << 20).sectorSize(4096).seed(3)
                .partition(PartitionSpec.esp(300L << 20).fromImage(wim, 1))
                .partition(PartitionSpec.ntfs(0).fromImage(wim, 2))
                .write(img);
        try (Disk d = Disk.open(img)) {
            assertEquals(4096, d.table().sectorSize());
            assertEquals(List.of(FileSystemKind.FAT32, FileSystemKind.NTFS),
                    d.volumes().stream().map(Volume::fileSystem).toList());
        }
        assertCapturesBack(img, wim, 1, 2);
    }

    @Test
    void directorySourceOnFat32AndNtfs() throws Exception {
        Path dir = BuildFixtures.tree(tmp.resolve("dir"), "dir");
        Path img = tmp.resolve("dir.img");
        DiskBuilder.gpt(200L << 20)
                .partition(PartitionSpec.fat32(64L << 20).fromDirectory(dir))
                .partition(PartitionSpec.ntfs(0).fromDirectory(dir))
                .write(img);
        Path cap = tmp.resolve("cap.wim");
        try (Disk d = Disk.open(img)) {
            Capture.disk(d).to(cap).run();
        }
        try (WimFile w = WimFile.open(cap)) {
            TreeSet<String> expected = new TreeSet<>();
            try (var s = Files.walk(dir)) {
                s.filter(p -> !p.equals(dir)).forEach(p -> expected.add("/" + dir.relativize(p)));
            }
            assertEquals(expected, paths(w.readImage(1)));
            assertEquals(expected, userPaths(w.readImage(2)));
        }
    }

    @Test
    void refusesLayoutsThatDoNotFit() {
        assertThrows(IllegalArgumentException.class, () -> DiskBuilder.gpt(64L << 20)
                .partition(PartitionSpec.ntfs(64L << 20)).write(tmp.resolve("x.img")));
        assertThrows(IllegalArgumentException.class, () -> DiskBuilder.gpt(128L << 20)
                .partition(PartitionSpec.esp(20L << 20)).write(tmp.resolve("y.img")));
        assertEquals(false, Files.exists(tmp.resolve("y.img")), "a failed build leaves no file");
    }

    /** Captures the disk and compares each captured image with image {@code sources[i]} (0 = empty). */
    private void assertCapturesBack(Path img, Path wim, int... sources) throws Exception {
        Path cap = tmp.resolve("captured-" + img.getFileName() + ".wim");
        try (Disk d = Disk.open(img)) {
            Capture.disk(d).to(cap).run();
        }
        try (WimFile src = WimFile.open(wim); WimFile got = WimFile.open(cap)) {
            assertEquals(sources.length, got.imageCount());
            for (int i = 0; i < sources.length; i++) {
                TreeSet<String> want = sources[i] == 0 ? new TreeSet<>() : paths(src.readImage(sources[i]));
                assertEquals(want, userPaths(got.readImage(i + 1)), "captured image " + (i + 1));
                if (sources[i] != 0) {
                    assertEquals(hashes(src.readImage(sources[i])), hashes(got.readImage(i + 1)));
                }
            }
        }
    }

    /** Paths without NTFS's own root entries (System Volume Information is not written). */
    private static TreeSet<String> userPaths(ImageTree t) {
        TreeSet<String> s = paths(t);
        s.removeIf(p -> p.startsWith("/$"));
        return s;
    }

    private static TreeSet<String> paths(ImageTree t) {
        return entries(t, Dentry::path);
    }

    private static TreeSet<String> hashes(ImageTree t) {
        return entries(t, d -> {
            var s = d.inode().unnamedData();
            return d.path() + " " + (s == null || s.hash() == null ? "-" : s.hash().toString());
        });
    }

    private static TreeSet<String> entries(ImageTree t, java.util.function.Function<Dentry, String> line) {
        TreeSet<String> out = new TreeSet<>();
        List<Dentry> stack = new ArrayList<>(t.root().children());
        while (!stack.isEmpty()) {
            Dentry d = stack.remove(stack.size() - 1);
            out.add(line.apply(d));
            stack.addAll(d.children());
        }
        return out;
    }
}
