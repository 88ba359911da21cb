package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TreeSnapshot;
import org.jwim.fat.FatEntry;
import org.jwim.fat.FatVolume;
import org.jwim.wim.WimFile;
import org.jwim.wim.model.Dentry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwim capture VOLUME.img WIM} on a raw FAT32 volume, checked with mtools and wimlib. */
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

        // short names in the WIM are the reader's (which FatOracleTest checks against mdir)
        Map<String, String> expectedShort = new TreeMap<>();
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ)) {
            FatVolume vol = FatVolume.open(ch, 0, ch.size());
            ArrayDeque<FatEntry> stack = new ArrayDeque<>();
            stack.push(vol.root());
            while (!stack.isEmpty()) {
                for (FatEntry e : vol.list(stack.pop())) {
                    expectedShort.put(e.path(), e.hasDistinctShortName() ? e.shortName() : "");
                    if (e.isDirectory()) {
                        stack.push(e);
                    }
                }
            }
        }
        Map<String, String> actualShort = new TreeMap<>();
        try (WimFile f = WimFile.open(wim)) {
            ArrayDeque<Dentry> stack = new ArrayDeque<>();
            stack.push(f.readImage(1).root());
            while (!stack.isEmpty()) {
                for (Dentry d : stack.pop().children()) {
                    actualShort.put(d.path(), d.shortName());
                    stack.push(d);
                }
            }
        }
        assertEquals(expectedShort, actualShort);
    }

    /** Relative path -> content hash (files) or "dir", ignoring times and modes. */
    private static Map<String, String> contents(Path root) throws Exception {
        Map<String, String> m = new TreeMap<>();
        TreeSnapshot.of(root, false).forEach((k, v) -> m.put(k, v.replaceAll(" mtime=\\S+", "")
                .replaceAll(" mode=\\S+", "")));
        return m;
    }
}
