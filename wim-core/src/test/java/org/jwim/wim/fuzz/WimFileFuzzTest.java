package org.jwim.wim.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jwim.wim.WimException;
import org.jwim.wim.WimFile;
import org.jwim.wim.BlobInfo;

/**
 * Fuzz target for the WIM reader: header, blob table, XML, metadata and resources. Only
 * {@link WimException} may escape. Plain {@code mvn test} replays the saved corpus in
 * src/test/resources/org/jwim/wim/fuzz/WimFileFuzzTestInputs; {@code scripts/fuzz} fuzzes.
 */
class WimFileFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void openReadAndVerify(byte[] data) throws IOException {
        Path p = FuzzFiles.temp(".wim");
        try {
            Files.write(p, data);
            try (WimFile f = WimFile.open(p)) {
                for (int i = 1; i <= f.imageCount(); i++) {
                    f.readImage(i);
                }
                for (BlobInfo b : f.blobs()) {
                    if (!b.metadata() && !b.hash().isZero() && f.hasBlob(b.hash())) {
                        try (InputStream in = f.openBlob(b.hash())) {
                            in.transferTo(java.io.OutputStream.nullOutputStream());
                        }
                    }
                }
            } catch (WimException expected) {
                // the one documented failure
            }
        } finally {
            Files.deleteIfExists(p);
        }
    }
}
