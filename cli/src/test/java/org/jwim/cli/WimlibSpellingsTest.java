package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.testing.ApplyFixtures;
import org.jwim.capture.testing.TestTrees;
import org.jwim.wim.WimFile;

/** wimlib-imagex's spellings are accepted; what jwim cannot do is refused as a usage error. */
class WimlibSpellingsTest {
    @TempDir
    Path tmp;

    @Test
    void captureAndApplyTakeWimlibSpellings() throws IOException {
        Path src = TestTrees.mixed(tmp.resolve("src"));
        Path wim = tmp.resolve("t.wim");
        Jwim.ok("capture", src, wim, "--include-integrity", "--compress=none");
        try (WimFile w = WimFile.open(wim)) {
            assertTrue(w.hasIntegrityTable(), "--include-integrity is --check");
        }
        Jwim.ok("apply", wim, "1", tmp.resolve("a"), "--norpfix", "--recover-data");
        Jwim.ok("extract", wim, "1", "/", "--dest-dir", tmp.resolve("e"), "--recover-data");
        Jwim.Result both = Jwim.run("apply", wim, "1", tmp.resolve("b"), "--norpfix", "--skip-corrupt");
        assertEquals(Main.OK, both.exit(), both.toString());
    }

    @Test
    void captureDiskTakesImageVersionAndPositionalNameAndDescription() throws Exception {
        Path img = ApplyFixtures.bareFat(tmp.resolve("fat.img"), "32", 34);
        Path wim = tmp.resolve("d.wim");
        Jwim.ok("capture-disk", img, wim, "Boot", "the boot volume", "--image-version", "7.1", "--include-integrity");
        String info = Jwim.ok("info", wim).out();
        assertTrue(info.contains("Boot"), info);
        assertTrue(info.contains("the boot volume"), info);
        try (WimFile w = WimFile.open(wim)) {
            assertTrue(w.hasIntegrityTable());
        }
        Jwim.Result twice = Jwim.run("capture-disk", img, tmp.resolve("e.wim"), "Boot", "--name", "Other");
        assertEquals(Main.USAGE, twice.exit(), twice.toString());
        Jwim.Result old = Jwim.run("capture-disk", img, tmp.resolve("f.wim"), "--version", "7.1");
        assertEquals(Main.USAGE, old.exit(), "--version is -V's, not the image version: " + old);
    }

    @Test
    void aCompressionJwimCannotWriteIsAUsageErrorAndNotOffered() throws IOException {
        Path src = TestTrees.mixed(tmp.resolve("src"));
        for (String type : new String[] {"lzms", "recovery"}) {
            Jwim.Result r = Jwim.run("capture", src, tmp.resolve("l.wim"), "--compress=" + type);
            assertEquals(Main.USAGE, r.exit(), r.toString());
            assertTrue(r.err().contains("--compress=" + type + ": jwim reads this compression but cannot write it"), r.err());
            assertFalse(Files.exists(tmp.resolve("l.wim")));
        }
        for (String command : new String[] {"capture", "append", "capture-disk"}) {
            String help = Jwim.ok(command, "--help").out();
            assertFalse(help.contains("lzms|") || help.contains("recovery"), help);
        }
    }

    @Test
    void aBadMapIsAUsageError() throws IOException {
        Path src = TestTrees.mixed(tmp.resolve("src"));
        Path wim = tmp.resolve("t.wim");
        Jwim.ok("capture", src, wim, "--compress=none");
        Jwim.Result r = Jwim.run("apply-disk", wim, tmp.resolve("disk.img"), "--map", "foo");
        assertEquals(Main.USAGE, r.exit(), r.toString());
        assertTrue(r.err().contains("--map foo: expected NUMBER=NUMBER"), r.err());
    }

    @Test
    void helpListsDebugAndProgress() {
        String help = Jwim.ok("--help").out();
        assertTrue(help.contains("--debug") && help.contains("--progress"), help);
        Jwim.Result bad = Jwim.run("info", "x.wim", "--progress=loud");
        assertEquals(Main.USAGE, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("--progress=loud: expected auto, bar, plain or none"), bad.err());
    }

    /**
     * The README's option table is true where it says "not accepted": every option of that row
     * is a usage error on its command, every command of the next row unknown.
     */
    @Test
    void whatTheReadmeSaysIsNotAcceptedIsAUsageError() throws IOException {
        List<String> table = Files.readAllLines(Path.of("..", "README.md"));
        String options = row(table, "not accepted (`Unknown option`, exit 2)");
        String commands = row(table, "not accepted (no such command)");
        Path src = TestTrees.mixed(tmp.resolve("src"));
        Path wim = tmp.resolve("t.wim");
        Jwim.ok("capture", src, wim, "--compress=none");
        int checked = 0;
        for (String group : options.split("; ")) {
            boolean apply = group.startsWith("`apply`");
            for (String option : backticked(group)) {
                if (!option.startsWith("--")) {
                    continue;
                }
                Jwim.Result r = apply ? Jwim.run("apply", wim, "1", tmp.resolve("a"), option)
                        : Jwim.run("capture", src, tmp.resolve("c.wim"), option);
                assertEquals(Main.USAGE, r.exit(), option + ": " + r);
                assertTrue(r.err().contains("Unknown option"), option + ": " + r.err());
                checked++;
            }
        }
        for (String command : backticked(commands)) {
            Jwim.Result r = Jwim.run(command, wim);
            assertEquals(Main.USAGE, r.exit(), command + ": " + r);
            checked++;
        }
        assertTrue(checked >= 15, "the README rows were not found whole: " + checked + " checked");
    }

    /** The first cell of the README table row whose second cell is {@code verdict}. */
    private static String row(List<String> lines, String verdict) {
        for (String line : lines) {
            if (line.startsWith("| ") && line.endsWith("| " + verdict + " |")) {
                return line.substring(2, line.length() - verdict.length() - 4);
            }
        }
        throw new AssertionError("README has no row \"" + verdict + "\"");
    }

    private static List<String> backticked(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("`([^`]+)`").matcher(cell);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
