package org.jwim.capture.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jwim.capture.Capture;
import org.jwim.capture.testing.DiskFixtures;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.WimlibDetailed;
import org.jwim.wim.BlobInfo;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.WimFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * capture-disk with its volumes read at once gives what a wimlib user gets from capturing them
 * one by one: wimlib verifies it, lists every entry of every image alike in dir --detailed,
 * finds the same images in the same order and the same blobs, and the file the volumes share
 * is stored once; only the blobs' places differ.
 */
class ConcurrentVolumesTest {
    @TempDir
    Path tmp;

    private Path capture(Path disk, int atOnce, CompressionType type) throws Exception {
        return capture(disk, atOnce, type, null);
    }

    /** A capture of {@code disk}, an update of {@code base} unless null. */
    private Path capture(Path disk, int atOnce, CompressionType type, Path base) throws Exception {
        Path wim = tmp.resolve("at-once-" + atOnce + "-" + type + (base == null ? "" : "-update") + ".wim");
        try (Disk d = Disk.open(disk)) {
            var job = Capture.disk(d).to(wim).compression(type).threads(2).volumesAtOnce(atOnce)
                    .imageInfo(new ImageInfo("disk", "", "ops", "1.0"));
            if (base != null) {
                job.updateOf(base, null);
            }
            job.run();
            if (base != null) {
                assertEquals(3, job.updateResults().stream().filter(r -> r.unchangedFiles() > 0).count(),
                        "every volume took files over from its earlier image");
            }
        }
        OracleTools.run(null, "wimlib-imagex", "verify", wim.toString());
        return wim;
    }

    /** Image names in order, then each data blob with its size and reference count, sorted. */
    private static List<String> imagesAndBlobs(Path wim) throws Exception {
        List<String> out = new ArrayList<>();
        try (WimFile f = WimFile.open(wim)) {
            f.images().forEach(s -> out.add("image " + s.info().name()));
            f.blobs().stream().filter(b -> !b.metadata())
                    .map(b -> b.hash() + " " + b.size() + " x" + b.refCount()).sorted().forEach(out::add);
        }
        return out;
    }

    private static List<String> offsets(Path wim) throws Exception {
        try (WimFile f = WimFile.open(wim)) {
            return f.blobs().stream().filter(b -> !b.metadata()).map(b -> b.hash() + "@" + b.offset()).sorted().toList();
        }
    }

    @Test
    void volumesReadAtOnceGiveTheImagesOfOneByOne() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path disk = DiskFixtures.dir().resolve("mbr.img");
        for (CompressionType type : new CompressionType[] {CompressionType.XPRESS, CompressionType.NONE}) {
            Path serial = capture(disk, 1, type);
            Path together = capture(disk, 3, type);
            List<String> expected = imagesAndBlobs(serial);
            assertEquals(expected, imagesAndBlobs(together), type.toString());
            try (WimFile f = WimFile.open(together)) {
                assertEquals(3, f.imageCount());
                List<BlobInfo> shared = f.blobs().stream().filter(b -> !b.metadata() && b.size() == 70000).toList();
                assertEquals(1, shared.size(), "shared.bin is on every volume but stored once");
                assertEquals(3, shared.get(0).refCount());
            }
            for (int image = 1; image <= 3; image++) {
                assertEquals(WimlibDetailed.of(serial, image, line -> true),
                        WimlibDetailed.of(together, image, line -> true), type + " image " + image);
            }
            assertNotEquals(offsets(serial), offsets(together), "the volumes' blobs were read together");
        }
    }

    @Test
    void aNegativeCountIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Capture.disk(tmp.resolve("disk.img")).volumesAtOnce(-1));
    }

    @Test
    void anUpdateReadAtOnceGivesTheImagesOfOneByOne() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path disk = DiskFixtures.dir().resolve("mbr.img");
        Path base = capture(disk, 1, CompressionType.LZX);
        Path serial = capture(disk, 1, CompressionType.XPRESS, base);
        Path together = capture(disk, 3, CompressionType.XPRESS, base);
        assertEquals(imagesAndBlobs(serial), imagesAndBlobs(together));
        for (int image = 1; image <= 3; image++) {
            assertEquals(WimlibDetailed.of(serial, image, line -> true),
                    WimlibDetailed.of(together, image, line -> true), "image " + image);
        }
    }
}
