package org.jwim.capture;

import org.jwim.capture.testing.TreeSnapshot;
import org.jwim.capture.testing.TestTrees;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.source.DirectorySource;
import org.jwim.capture.apply.ApplyReport;
import org.jwim.capture.apply.DirectoryTarget;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.WimFile;
import org.jwim.wim.WimWriter;
import org.jwim.wim.WriteOptions;
import org.jwim.wim.model.ImageTree;

/** The library example of README.md, kept compiling and correct. */
class ReadmeExampleTest {
    @TempDir
    Path tmp;

    @Test
    void captureAndApplyAsInTheReadme() throws Exception {
        Path reference = TestTrees.mixed(tmp.resolve("reference"));
        Path wimPath = tmp.resolve("reference.wim");
        Path restore = tmp.resolve("restore");

        ImageTree tree = DirectorySource.of(reference)
                .warnings(w -> System.err.println(w))
                .scan();
        try (WimWriter writer = WimWriter.create(wimPath,
                WriteOptions.defaults().compression(CompressionType.XPRESS))) {
            writer.addImage(tree, new ImageInfo("reference", "nightly build", "ops", "1.0"));
            writer.commit();
        }
        try (WimFile wim = WimFile.open(wimPath)) {
            ApplyReport report = DirectoryTarget.of(restore)
                    .apply(wim.readImage(1), wim::openBlob);
            assertEquals(6, report.files());
            assertEquals("reference", wim.images().get(0).info().name());
        }
        assertEquals(TreeSnapshot.of(reference, true), TreeSnapshot.of(restore, true));
    }
}
