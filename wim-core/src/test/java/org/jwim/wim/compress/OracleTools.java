package org.jwim.wim.compress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs external reference tools (wimlib-imagex). A missing tool skips the test visibly, unless
 * the system property {@code jwim.requireOracles} is true (CI), where it fails the test.
 */
public final class OracleTools {
    private OracleTools() {
    }

    /** Skips (or, in CI, fails) the calling test when {@code command} is not on the PATH. */
    public static void requireTool(String command) {
        boolean found = false;
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v " + command)
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            found = p.waitFor() == 0;
        } catch (IOException e) {
            found = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!found) {
            if (Boolean.getBoolean("jwim.requireOracles")) {
                throw new AssertionError(command + " is not installed but jwim.requireOracles=true");
            }
            Assumptions.abort(command + " not installed");
        }
    }

    /** Runs a command, failing with its output if it exits non-zero or takes over 5 minutes. */
    public static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError(command + " exited with " + p.exitValue() + ":\n" + text);
        }
        return text;
    }
}
