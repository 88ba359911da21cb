package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jwim.capture.testing.OracleTools;

/** What wimlib-imagex says about a WIM, for the tests of the commands that change WIMs. */
final class WimlibQueries {
    private WimlibQueries() {
    }

    /** Blobs in the blob table that are not image metadata. */
    static long dataBlobs(Path dir, Path wim) throws Exception {
        String blobs = OracleTools.run(dir, "wimlib-imagex", "info", wim.toString(), "--blobs");
        return blobs.lines().filter(l -> l.startsWith("Hash")).count()
                - blobs.lines().filter(l -> l.contains("WIM_RESHDR_FLAG_METADATA")).count();
    }

    /** {@code dir --detailed} of an image, optionally without reference counts (other images share blobs). */
    static Map<String, List<String>> listing(Path dir, Path wim, int image, boolean keepRefCounts) throws Exception {
        Map<String, List<String>> m = DetailedListing.parse(OracleTools.run(dir, "wimlib-imagex", "dir",
                wim.toString(), Integer.toString(image), "--detailed"));
        if (!keepRefCounts) {
            m.values().forEach(lines -> lines.removeIf(l -> l.startsWith("Reference Count")));
        }
        return m;
    }

    static void verified(Path dir, Path wim) throws Exception {
        String v = OracleTools.run(dir, "wimlib-imagex", "verify", wim.toString());
        assertTrue(v.contains("successfully verified"), v);
    }
}
