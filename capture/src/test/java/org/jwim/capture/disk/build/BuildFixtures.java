package org.jwim.capture.disk.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jwim.capture.source.DirectorySource;
import org.jwim.capture.testing.TestTrees;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.WimWriter;
import org.jwim.wim.WriteOptions;

/** Source trees and WIMs for the disk builder tests (FAT-safe: no links, no named streams). */
final class BuildFixtures {
    private BuildFixtures() {
    }

    /** A small tree: nested directories, an empty file, a Unicode name, a 1 MiB file. */
    static Path tree(Path dir, String flavour) throws IOException {
        Files.createDirectories(dir.resolve("EFI/Boot"));
        Files.writeString(dir.resolve("EFI/Boot/readme.txt"), "boot code is out of scope " + flavour + "\n");
        Files.createDirectories(dir.resolve("data/empty dir"));
        Files.createFile(dir.resolve("data/empty.bin"));
        Files.writeString(dir.resolve("data/Ünïcödé-名前.txt"), "unicode " + flavour);
        Files.write(dir.resolve("data/big.bin"), TestTrees.pattern(TestTrees.BIG_SIZE, flavour.length()));
        Files.writeString(dir.resolve("A Long File Name With Spaces.txt"), flavour);
        return dir;
    }

    /** A two-image LZX WIM: image 1 = tree "esp", image 2 = tree "windows". */
    static Path wim(Path scratch) throws IOException {
        Path wim = scratch.resolve("source.wim");
        try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(CompressionType.LZX))) {
            w.addImage(DirectorySource.of(tree(scratch.resolve("esp"), "esp")).scan(), new ImageInfo("esp", "", "", ""));
            w.addImage(DirectorySource.of(tree(scratch.resolve("windows"), "windows")).scan(),
                    new ImageInfo("windows", "", "", ""));
            w.commit();
        }
        return wim;
    }
}
