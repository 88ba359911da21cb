package org.jwim.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.testing.TestTrees;
import org.jwim.capture.testing.TreeSnapshot;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.WimFile;

/** The library example of README.md (its directory part), kept compiling and correct. */
class ReadmeExampleTest {
    @TempDir
    Path tmp;

    @Test
    void captureAndApplyAsInTheReadme() throws Exception {
        Path reference = TestTrees.mixed(tmp.resolve("reference"));
        Path wimPath = tmp.resolve("reference.wim");
        Path restore = tmp.resolve("restore");

        CaptureReport r = Capture.directory(reference).to(wimPath)
                .compression(CompressionType.XPRESS)
                .imageInfo(new ImageInfo("reference", "nightly build", "ops", "1.0"))
                .warnings(w -> System.err.println(w))
                .run();
        assertEquals(1, r.imageCount());
        Capture.directory(reference).appendTo(wimPath).imageInfo(ImageInfo.of("again", "")).run();

        DiskApplyReport a = Apply.wim(wimPath).image(1).toDirectory(restore).run();
        assertEquals(6, a.volumes().get(0).restored().files());
        try (WimFile wim = WimFile.open(wimPath)) {
            assertEquals("reference", wim.images().get(0).info().name());
            assertEquals("again", wim.images().get(1).info().name());
            assertEquals(CompressionType.XPRESS, wim.compression());
        }
        assertEquals(TreeSnapshot.of(reference, true), TreeSnapshot.of(restore, true));
    }
}
