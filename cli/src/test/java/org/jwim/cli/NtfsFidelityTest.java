package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.RawEntries;
import org.jwim.capture.source.CaptureConfig;
import org.jwim.capture.source.NtfsSource;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.WimWriter;
import org.jwim.wim.WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fidelity oracle of NTFS capture: jwim's pure-Java capture of a raw NTFS image and
 * wimlib's NTFS-3G capture of the same image list identically in {@code wimlib-imagex dir
 * --detailed} (modulo layout-only fields) and hold the same blobs; jwim's times equal
 * ntfs-3g's to the 100 ns.
 */
class NtfsFidelityTest {
    @TempDir
    Path tmp;

    private static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts/ntfs/make-fixture.sh"))) {
            p = p.getParent();
        }
        return p;
    }

    private static TreeSet<String> blobs(Path wim) throws Exception {
        TreeSet<String> set = new TreeSet<>();
        String out = OracleTools.run(null, "wimlib-imagex", "info", wim.toString(), "--blobs");
        for (String block : out.split("\n\n")) {
            if (!block.contains("METADATA") && block.contains("Hash")) {
                String[] lines = block.strip().split("\n");
                set.add(lines[0].trim() + " " + lines[1].trim() + " refs " + block.replaceAll("(?s).*Reference Count\\s*=\\s*(\\d+).*", "$1"));
            }
        }
        return set;
    }

    @Test
    void jwimAndWimlibCaptureTheFixtureVolumeIdentically() throws Exception {
        for (String tool : new String[] {"mkntfs", "ntfs-3g", "python3", "wimlib-imagex"}) {
            OracleTools.requireTool(tool);
        }
        OracleTools.requireRoot();
        Path img = tmp.resolve("ntfs.img");
        OracleTools.run(null, "bash", repoRoot().resolve("scripts/ntfs/make-fixture.sh").toString(),
                img.toString(), "full");
        Path theirs = tmp.resolve("wimlib.wim");
        OracleTools.run(null, "wimlib-imagex", "capture", img.toString(), theirs.toString(), "--compress=none");
        Path ours = tmp.resolve("jwim.wim");
        List<String> warnings = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ);
                WimWriter w = WimWriter.create(ours, WriteOptions.defaults().compression(CompressionType.NONE))) {
            w.addImage(NtfsSource.of(ch, 0, ch.size()).config(CaptureConfig.defaults())
                    .warnings(warnings::add).scan(), ImageInfo.of("ntfs", ""));
            w.commit();
        }
        Map<String, List<String>> a = DetailedListing.parse(OracleTools.run(null, "wimlib-imagex", "dir",
                theirs.toString(), "1", "--detailed"));
        Map<String, List<String>> b = DetailedListing.parse(OracleTools.run(null, "wimlib-imagex", "dir",
                ours.toString(), "1", "--detailed"));
        assertEquals(new TreeSet<>(a.keySet()), new TreeSet<>(b.keySet()), "paths");
        List<String> diffs = new ArrayList<>();
        for (String path : a.keySet()) {
            if (!a.get(path).equals(b.get(path))) {
                diffs.add(path + "\n  wimlib: " + a.get(path) + "\n  jwim:   " + b.get(path));
            }
        }
        assertEquals(List.of(), diffs.size() > 10 ? diffs.subList(0, 10) : diffs,
                diffs.size() + " dentries differ; jwim warnings: " + warnings);
        assertEquals(blobs(theirs), blobs(ours), "blob sets");
        // dir --detailed prints whole seconds: the times jwim stored must match ntfs-3g's at 100 ns
        assertEquals(List.of(), RawEntries.diffs(RawEntries.ntfsTimes(img, tmp.resolve("mnt")),
                RawEntries.wimTimes(ours, 1)), "100-ns times of jwim's capture against ntfs-3g's");
    }
}
