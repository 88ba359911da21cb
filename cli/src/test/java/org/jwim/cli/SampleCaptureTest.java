package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TreeSnapshot;

/** {@code jwim capture} with no arguments: the README's main job on the shipped sample tree. */
class SampleCaptureTest {
    @TempDir
    Path tmp;

    @Test
    void noArgumentCaptureWritesTheSampleWimAndPrintsInfo() throws Exception {
        Path repo = JwimProcess.repoRoot();
        ProcessBuilder pb = new ProcessBuilder(JwimProcess.command("capture"))
                .directory(tmp.toFile()).redirectErrorStream(true);
        pb.environment().put("JWIM_HOME", repo.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("Image Count:    1\n"), out);
        assertTrue(out.contains("Name:                   jwim sample\n"), out);
        assertTrue(out.contains("Hard Link Bytes:        17\n"), out);
        Path wim = tmp.resolve("jwim-sample.wim");
        assertTrue(Files.isRegularFile(wim));

        Path tree = repo.resolve("samples/tree");
        Map<String, String> expected = TreeSnapshot.of(tree, true);
        assertTrue(expected.get("hello.txt").contains("links=[hello-hardlink.txt, hello.txt]"), expected.toString());
        assertEquals("dir", expected.get("empty-dir").replaceAll(" mtime=.*", ""));
        assertEquals("link->../hello.txt", expected.get("docs/link-to-hello"));

        Path byJwim = tmp.resolve("jwim-out");
        Jwim.ok("apply", wim, byJwim);
        assertEquals(expected, TreeSnapshot.of(byJwim, true));

        OracleTools.requireTool("wimlib-imagex");
        Path byWimlib = tmp.resolve("wimlib-out");
        OracleTools.run(tmp, "wimlib-imagex", "apply", wim.toString(), "1", byWimlib.toString());
        assertEquals(expected, TreeSnapshot.of(byWimlib, true));
    }
}
