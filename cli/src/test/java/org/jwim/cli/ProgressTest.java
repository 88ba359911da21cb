package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TestTrees;

/** --progress: timestamped lines for logs, a bar on a terminal, never an unterminated line. */
class ProgressTest {
    @TempDir
    Path tmp;

    @Test
    void plainProgressGoesToTheLogAsWholeTimestampedLines() throws IOException {
        Path src = TestTrees.mixed(tmp.resolve("src"));
        Jwim.Result r = Jwim.ok("capture", src, tmp.resolve("t.wim"), "--compress=none", "--progress=plain");
        assertFalse(r.err().contains("\r"), r.err());
        assertTrue(r.err().isEmpty() || r.err().endsWith("\n"), r.err());
        assertTrue(r.err().matches("(?s)(\\d\\d:\\d\\d:\\d\\dZ [^\n]+\n)+"), r.err());
        assertTrue(r.err().contains("Archiving file data: ") && r.err().contains(" KiB (100%) done"),
                "a small image counts in KiB: " + r.err());
        Jwim.Result a = Jwim.ok("apply", tmp.resolve("t.wim"), tmp.resolve("out"), "--progress", "plain");
        assertTrue(a.err().contains("Extracting file data: ") && a.err().endsWith("(100%) done\n"), a.err());
        Jwim.Result none = Jwim.ok("apply", tmp.resolve("t.wim"), tmp.resolve("out2"), "--progress=none");
        assertEquals("", none.err());
    }

    @Test
    void progressIsOffByDefaultWhenStderrIsNotATerminal() throws IOException {
        Path src = TestTrees.mixed(tmp.resolve("src"));
        assertEquals("", Jwim.ok("capture", src, tmp.resolve("t.wim"), "--compress=none").err());
    }

    @Test
    void aPseudoTerminalShowsTheBarAndEndsItsLine() throws Exception {
        OracleTools.requireTool("script");
        Path src = TestTrees.mixed(tmp.resolve("src"));
        StringBuilder line = shellLine(JwimProcess.command("capture", src.toString(), tmp.resolve("t.wim").toString(),
                "--compress=none"));
        // stdout to a file, stderr on the pseudo-terminal script gives the child
        line.append("> ").append(tmp.resolve("out.txt"));
        Path typescript = tmp.resolve("typescript");
        Process p = new ProcessBuilder("script", "-qefc", line.toString(), typescript.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("script.log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("script.log")));
        String shown = Files.readString(typescript, StandardCharsets.UTF_8);
        assertTrue(shown.contains("\rArchiving file data: "), shown);
        String tail = shown.substring(shown.lastIndexOf("Archiving file data: "));
        assertTrue(tail.contains("(100%) done") && tail.contains("\n"), "the bar's last line is ended: " + tail);
        assertTrue(Files.readString(tmp.resolve("out.txt")).startsWith("Captured image 1"));
    }

    @Test
    void aDumbTerminalGetsNoColours() throws Exception {
        OracleTools.requireTool("script");
        assertTrue(helpOnTerminal("xterm").contains("\u001b["), "the check sees colours when picocli uses them");
        assertFalse(helpOnTerminal("dumb").contains("\u001b["), "no escape codes with TERM=dumb");
    }

    private String helpOnTerminal(String term) throws Exception {
        StringBuilder line = shellLine(JwimProcess.command("capture", "--help"));
        Path typescript = tmp.resolve("help-" + term);
        ProcessBuilder pb = new ProcessBuilder("script", "-qefc", line.toString(), typescript.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("help.log").toFile());
        pb.environment().put("TERM", term);
        pb.environment().remove("NO_COLOR");
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        return Files.readString(typescript, StandardCharsets.UTF_8);
    }

    /** The command quoted for the shell {@code script} runs it in. */
    private static StringBuilder shellLine(List<String> command) {
        StringBuilder line = new StringBuilder();
        for (String c : command) {
            line.append('\'').append(c.replace("'", "'\\''")).append("' ");
        }
        return line;
    }
}
