package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jwim.capture.apply.ApplyOptions;
import org.jwim.capture.apply.FatVolumeTarget;
import org.jwim.capture.apply.Protection;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TreeSnapshot;
import org.jwim.wim.WimFile;
import org.jwim.wim.model.Dentry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FAT names compared as Windows compares them (simple one-to-one upper-case mapping): names
 * that only Java's full case mapping makes equal ({@code ß}/{@code SS}, ligatures, characters
 * that upper-case to a letter plus a combining mark) are distinct files, applied and captured.
 */
class FatNameRulesTest {
    /** Pairs whose full upper-case mappings are equal and simple ones differ. */
    private static final List<String> NAMES = List.of("ÄÖÜ straße.txt", "äöü STRASSE.txt",
            "\uFB01le.txt", "FILE.txt", "\u0149.txt", "\u02BCN.txt", "\u01F0.dat", "J\u030C.dat",
            "\u0390.txt", "\u0399\u0308\u0301.txt");

    @TempDir
    Path tmp;

    private static String[] mtools(String... args) {
        List<String> cmd = new ArrayList<>(List.of("env", "LC_ALL=C.UTF-8", "MTOOLS_SKIP_CHECK=1"));
        cmd.addAll(List.of(args));
        return cmd.toArray(String[]::new);
    }

    private static List<String> names(Path wim) throws Exception {
        try (WimFile f = WimFile.open(wim)) {
            Dentry dir = f.readImage(1).root().children().stream().filter(d -> d.name().equals("case"))
                    .findFirst().orElseThrow();
            return dir.children().stream().map(Dentry::name).sorted().toList();
        }
    }

    private static Map<String, String> contents(Path root) throws Exception {
        Map<String, String> m = new TreeMap<>();
        TreeSnapshot.of(root, false).forEach((k, v) -> m.put(k, v.replaceAll(" mtime=\\S+", "")
                .replaceAll(" mode=\\S+", "")));
        return m;
    }

    @Test
    void namesEqualOnlyUnderFullCaseMappingAreAppliedAndCaptured() throws Exception {
        for (String tool : new String[] {"mkfs.fat", "mcopy", "fsck.fat"}) {
            OracleTools.requireTool(tool);
        }
        Path src = Files.createDirectories(tmp.resolve("src/case"));
        for (int i = 0; i < NAMES.size(); i++) {
            Files.writeString(src.resolve(NAMES.get(i)), "file " + i + "\n", StandardCharsets.UTF_8);
        }
        Path wim = tmp.resolve("src.wim");
        Jwim.ok("capture", tmp.resolve("src"), wim, "--compress=none");
        Path img = tmp.resolve("fat.img");
        OracleTools.run(null, "mkfs.fat", "-C", "-F", "32", "-s", "1", img.toString(), "40960");
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ, StandardOpenOption.WRITE);
                WimFile w = WimFile.open(wim);
                FatVolumeTarget t = FatVolumeTarget.open(ch, 0, ch.size(), Protection.of(List.of()))) {
            t.apply(w.readImage(1), w::openBlob, ApplyOptions.defaults());
        }
        OracleTools.run(null, "fsck.fat", "-n", img.toString());
        // mtools' view of the applied volume is the source tree
        Path byMtools = Files.createDirectories(tmp.resolve("mtools"));
        OracleTools.run(null, mtools("mcopy", "-s", "-n", "-m", "-i", img.toString(), "::/case", byMtools.toString()));
        assertEquals(contents(tmp.resolve("src")), contents(byMtools));
        // and jwim captures every name back from the FAT volume
        Path back = tmp.resolve("back.wim");
        Jwim.ok("capture", img, back, "fat", "--compress=none");
        assertEquals(NAMES.stream().sorted().toList(), names(back));
    }

    @Test
    void theUnicodePairWrittenByMtoolsIsCapturedWhole() throws Exception {
        for (String tool : new String[] {"mkfs.fat", "mcopy", "mmd"}) {
            OracleTools.requireTool(tool);
        }
        Path img = tmp.resolve("mtools.img");
        OracleTools.run(null, "mkfs.fat", "-C", "-F", "32", "-s", "1", img.toString(), "40960");
        OracleTools.run(null, mtools("mmd", "-i", img.toString(), "::/case"));
        Path dir = Files.createDirectories(tmp.resolve("pair"));
        for (String n : NAMES.subList(0, 2)) {
            Files.writeString(dir.resolve(n), n + "\n", StandardCharsets.UTF_8);
            OracleTools.run(null, mtools("mcopy", "-i", img.toString(), dir.resolve(n).toString(), "::/case/"));
        }
        Path wim = tmp.resolve("pair.wim");
        Jwim.Result r = Jwim.ok("capture", img, wim, "pair", "--compress=none");
        assertEquals(NAMES.subList(0, 2).stream().sorted().toList(), names(wim), r.toString());
    }
}
