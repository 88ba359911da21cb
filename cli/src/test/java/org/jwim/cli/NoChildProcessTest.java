package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.testing.TestTrees;

/**
 * A directory capture and apply start no child process: JNA, which both use for the C library,
 * would otherwise run {@code ldconfig -p} at its first use ({@link Main#skipJnaSearchPath}).
 * Seen in a child JVM's class-loading log: {@code java.lang.ProcessImpl} is loaded by the first
 * process start and by nothing else.
 */
class NoChildProcessTest {
    @TempDir
    Path tmp;

    @Test
    void captureAndApplyUseJnaWithoutStartingAProcess() throws Exception {
        assumeTrue(Platform.isLinux() && Platform.is64Bit(), "JNA's ldconfig search is Linux's");
        Path src = TestTrees.mixed(tmp.resolve("src"));
        Path wim = tmp.resolve("t.wim");
        for (List<String> args : List.of(List.of("capture", src.toString(), wim.toString()),
                List.of("apply", wim.toString(), tmp.resolve("out").toString()))) {
            Path log = tmp.resolve(args.get(0) + ".classes");
            List<String> cmd = JwimProcess.command(args.toArray(String[]::new));
            cmd.add(1, "-Xlog:class+load=info:file=" + log);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve(args.get(0) + ".out").toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), args + " did not end");
            assertEquals(0, p.exitValue(), Files.readString(tmp.resolve(args.get(0) + ".out")));
            String classes = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(classes.contains(" com.sun.jna.Native "), args + " did not use JNA: the test sees nothing");
            assertFalse(classes.contains(" java.lang.ProcessImpl "), args + " started a process");
        }
    }
}
