package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.RawEntries;
import org.jwim.capture.testing.TreeSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwim capture VOLUME.img WIM} on a raw FAT32 volume, checked with mtools, wimlib and
 * scripts/fat/fat_entries.py. */
class VolumeCaptureCliTest {
    @TempDir
    Path tmp;

    @Test
    void rawFat32VolumeCaptureMatchesMtoolsAndAppliesWithWimlib() throws Exception {
        for (String tool : new String[] {"mkfs.fat", "mcopy", "wimlib-imagex"}) {
            OracleTools.requireTool(tool);
        }
        Path img = tmp.resolve("fat32.img");
        OracleTools.run(null, "bash", JwimProcess.repoRoot().resolve("scripts/fat/make-fixture.sh").toString(),
                img.toString(), "fat32");
        Map<String, String> expected = RawEntries.fatFields(img, true); // stamps sub-second creation times
        byte[] before = Files.readAllBytes(img);
        Path wim = tmp.resolve("fat.wim");
        Jwim.ok("capture", img, wim, "fat", "--compress=lzx", "--threads", "2");
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(img)), "the source volume changed");
        OracleTools.run(null, "wimlib-imagex", "verify", wim.toString());

        Path byMtools = Files.createDirectories(tmp.resolve("mtools"));
        OracleTools.run(null, "mcopy", "-s", "-n", "-m", "-i", img.toString(), "::/", byMtools.toString());
        Path byWimlib = tmp.resolve("wimlib");
        OracleTools.run(null, "wimlib-imagex", "apply", wim.toString(), "1", byWimlib.toString());
        assertEquals(contents(byMtools), contents(byWimlib));

        // names, short names, attributes and 100-ns times against the directory entries decoded
        // independently of jwim (mtools does not show short names of long-named files nor 10-ms times)
        Map<String, String> actual = RawEntries.wimFatFields(wim, 1);
        assertEquals(expected.keySet(), actual.keySet());
        assertEquals(java.util.List.of(), RawEntries.diffs(expected, actual));
    }

    /** Relative path -> content hash (files) or "dir", ignoring times and modes. */
    private static Map<String, String> contents(Path root) throws Exception {
        Map<String, String> m = new TreeMap<>();
        TreeSnapshot.of(root, false).forEach((k, v) -> m.put(k, v.replaceAll(" mtime=\\S+", "")
                .replaceAll(" mode=\\S+", "")));
        return m;
    }
}
