package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TestTrees;

/** delete (hard, soft), optimize and info's rename/--boot/--image-property, checked by wimlib. */
class MaintenanceCommandsTest {
    @TempDir
    Path tmp;

    /** Three images: A (mixed tree + a.bin), B (a.bin + b.bin), C (c.bin); blobs of each counted. */
    private Path wim() throws Exception {
        Random rnd = new Random(3);
        byte[][] data = new byte[3][];
        for (int i = 0; i < 3; i++) {
            data[i] = new byte[150_000];
            rnd.nextBytes(data[i]);
        }
        Path a = TestTrees.mixed(tmp.resolve("A"));
        Files.write(a.resolve("a.bin"), data[0]);
        Path b = Files.createDirectories(tmp.resolve("B"));
        Files.write(b.resolve("a.bin"), data[0]);
        Files.write(b.resolve("b.bin"), data[1]);
        Path c = Files.createDirectories(tmp.resolve("C"));
        Files.write(c.resolve("c.bin"), data[2]);
        Path wim = tmp.resolve("w.wim");
        OracleTools.run(tmp, "wimlib-imagex", "capture", a.toString(), wim.toString(), "A", "--compress=lzx", "--boot");
        OracleTools.run(tmp, "wimlib-imagex", "append", b.toString(), wim.toString(), "B");
        OracleTools.run(tmp, "wimlib-imagex", "append", c.toString(), wim.toString(), "C");
        return wim;
    }

    /** What wimlib's `info` says of a WIM's boot index and integrity table. */
    private String header(Path wim) throws Exception {
        String info = OracleTools.run(tmp, "wimlib-imagex", "info", wim.toString());
        return info.lines().filter(l -> l.startsWith("Boot Index:") || l.startsWith("Attributes:"))
                .map(String::strip).reduce("", (x, y) -> x + y + "; ");
    }

    @Test
    void appendAndExportKeepTheBootImageAndIntegrityTableAsWimlibDoes() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path wim = wim();
        OracleTools.run(tmp, "wimlib-imagex", "optimize", wim.toString(), "--check");
        Path more = Files.createDirectories(tmp.resolve("D"));
        Files.writeString(more.resolve("d.txt"), "d");
        String kept = "Boot Index:     1; Attributes:     Integrity info, Relative path junction; ";
        assertEquals(kept, header(wim));
        for (String tool : List.of("wimlib", "jwim")) {
            Path appended = tmp.resolve(tool + "-append.wim");
            Files.copy(wim, appended);
            Path exported = tmp.resolve(tool + "-export.wim");
            Files.copy(wim, exported);
            Path dropped = tmp.resolve(tool + "-nocheck.wim");
            Files.copy(wim, dropped);
            if (tool.equals("wimlib")) {
                OracleTools.run(tmp, "wimlib-imagex", "append", more.toString(), appended.toString(), "D");
                OracleTools.run(tmp, "wimlib-imagex", "export", wim.toString(), "3", exported.toString(), "C2");
                OracleTools.run(tmp, "wimlib-imagex", "append", more.toString(), dropped.toString(), "D", "--nocheck");
            } else {
                Jwim.ok("append", more, appended, "D");
                Jwim.ok("export", wim, "3", exported, "C2");
                Jwim.ok("append", more, dropped, "D", "--nocheck");
            }
            assertEquals(kept, header(appended), tool + " append");
            assertEquals(kept, header(exported), tool + " export");
            assertEquals("Boot Index:     1; Attributes:     Relative path junction; ", header(dropped),
                    tool + " append --nocheck");
            WimlibQueries.verified(tmp, appended);
        }
        Path boot = tmp.resolve("boot.wim");
        Files.copy(wim, boot);
        Jwim.ok("append", more, boot, "D", "--boot");
        assertEquals("Boot Index:     4; Attributes:     Integrity info, Relative path junction; ", header(boot));
    }

    @Test
    void optimizeDeleteAndRenameKeepTheIntegrityTableUnlessToldAsWimlibDoes() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path wim = wim();
        OracleTools.run(tmp, "wimlib-imagex", "optimize", wim.toString(), "--check");
        // each change as wimlib spells it, and jwim's spelling where it differs
        List<List<String>> changes = List.of(List.of("optimize"), List.of("optimize", "--nocheck"),
                List.of("optimize", "--recompress"), List.of("optimize", "--recompress", "--nocheck"),
                List.of("delete", "2"), List.of("delete", "2", "--soft"), List.of("info", "1", "renamed"));
        for (List<String> change : changes) {
            String[] sides = new String[2];
            for (int t = 0; t < 2; t++) {
                Path copy = tmp.resolve(t + String.join("-", change) + ".wim");
                Files.copy(wim, copy);
                List<String> args = new java.util.ArrayList<>(change);
                args.add(1, copy.toString());
                if (t == 0) {
                    List<String> cmd = new java.util.ArrayList<>(List.of("wimlib-imagex"));
                    cmd.addAll(args);
                    OracleTools.run(tmp, cmd.toArray(String[]::new));
                } else {
                    Jwim.ok(args.toArray());
                }
                WimlibQueries.verified(tmp, copy);
                sides[t] = header(copy);
            }
            assertEquals(sides[0], sides[1], "jwim " + change + " against wimlib's");
            assertEquals(!change.contains("--nocheck"), sides[1].contains("Integrity info"), change.toString());
        }
    }

    @Test
    void hardAndSoftDeleteThenOptimize() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path wim = wim();
        long all = WimlibQueries.dataBlobs(tmp, wim);
        var b = WimlibQueries.listing(tmp, wim, 2, false);
        var c = WimlibQueries.listing(tmp, wim, 3, false);
        Path hard = tmp.resolve("hard.wim");
        Files.copy(wim, hard);
        Jwim.ok("delete", hard, "A");
        WimlibQueries.verified(tmp, hard);
        // A's own blobs go (the mixed tree's); a.bin stays for B
        long mixedBlobs = all - 3;
        assertEquals(all - mixedBlobs, WimlibQueries.dataBlobs(tmp, hard));
        assertEquals(b, WimlibQueries.listing(tmp, hard, 1, false));
        assertEquals(c, WimlibQueries.listing(tmp, hard, 2, false));
        String info = OracleTools.run(tmp, "wimlib-imagex", "info", hard.toString());
        assertTrue(info.contains("Image Count:    2") && info.contains("Boot Index:     0"), info);
        assertTrue(Files.size(hard) < Files.size(wim));

        Path soft = tmp.resolve("soft.wim");
        Files.copy(wim, soft);
        Jwim.ok("delete", soft, "2", "--soft");
        WimlibQueries.verified(tmp, soft);
        assertEquals(all - 1, WimlibQueries.dataBlobs(tmp, soft)); // b.bin leaves the table, a.bin stays for A
        assertEquals(WimlibQueries.listing(tmp, wim, 1, false), WimlibQueries.listing(tmp, soft, 1, false));
        assertEquals(c, WimlibQueries.listing(tmp, soft, 2, false));
        assertTrue(OracleTools.run(tmp, "wimlib-imagex", "info", soft.toString()).contains("Boot Index:     1"));
        long softSize = Files.size(soft);
        assertTrue(softSize >= Files.size(wim) - 4096, "soft delete keeps the blobs' bytes");

        String out = Jwim.ok("optimize", soft).out();
        WimlibQueries.verified(tmp, soft);
        assertTrue(Files.size(soft) < softSize - 100_000, out); // b.bin's 150 kB of dead space gone
        assertEquals(all - 1, WimlibQueries.dataBlobs(tmp, soft));
        assertEquals(WimlibQueries.listing(tmp, wim, 1, false), WimlibQueries.listing(tmp, soft, 1, false));
        assertEquals(c, WimlibQueries.listing(tmp, soft, 2, false));

        Jwim.ok("optimize", soft, "--compress=xpress", "--check");
        WimlibQueries.verified(tmp, soft);
        String x = OracleTools.run(tmp, "wimlib-imagex", "info", soft.toString());
        assertTrue(x.contains("Compression:    XPRESS") && x.contains("Integrity info"), x);
        assertEquals(c, WimlibQueries.listing(tmp, soft, 2, false));

        Jwim.ok("delete", soft, "all");
        assertTrue(OracleTools.run(tmp, "wimlib-imagex", "info", soft.toString()).contains("Image Count:    0"));
    }

    @Test
    void renameBootAndImageProperties() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path wim = wim();
        var before = WimlibQueries.listing(tmp, wim, 3, false);
        Jwim.ok("info", wim, "C", "Core", "the core edition", "--boot",
                "--image-property", "FLAGS=Core", "--image-property", "WINDOWS/EDITIONID=Core");
        WimlibQueries.verified(tmp, wim);
        String info = OracleTools.run(tmp, "wimlib-imagex", "info", wim.toString());
        assertTrue(info.contains("Name:                   Core") && info.contains("Description:            the core edition")
                && info.contains("Boot Index:     3"), info);
        String xml = Jwim.ok("info", wim, "--xml").out();
        assertTrue(xml.contains("<FLAGS>Core</FLAGS>") && xml.contains("<WINDOWS><EDITIONID>Core</EDITIONID></WINDOWS>"), xml);
        assertEquals(before, WimlibQueries.listing(tmp, wim, 3, false));
        Jwim.Result dup = Jwim.run("info", wim, "Core", "B");
        assertTrue(dup.exit() != 0 && dup.err().contains("already an image named \"B\""), dup.toString());
    }
}
