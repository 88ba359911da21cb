package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workload ./jwim trains its AOT cache with: every command in it must succeed (the launcher
 * falls back silently to an untrained JVM otherwise), and it leaves nothing behind.
 */
class AotTrainingTest {
    @TempDir
    Path tmp;

    private Process start(Path home, Path work) throws Exception {
        List<String> cmd = JwimProcess.command(work.toString());
        cmd.set(cmd.indexOf(Main.class.getName()), AotTraining.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true);
        pb.environment().put("JWIM_HOME", home.toString());
        return pb.start();
    }

    @Test
    void trainingWorkloadRunsEveryCommandAndCleansUp() throws Exception {
        Path work = tmp.resolve("work");
        Process p = start(JwimProcess.repoRoot(), work);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertFalse(Files.exists(work), "work directory left behind");
    }

    @Test
    void missingSampleDiskFailsWithOneLine() throws Exception {
        Path work = tmp.resolve("work");
        Process p = start(tmp.resolve("no-home"), work);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(Main.FAILED, p.exitValue(), out);
        assertTrue(out.contains("sample disk not found"), out);
        assertFalse(Files.exists(work), "work directory left behind");
    }
}
