package org.jwim.wim;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real tools tests compare against. A missing tool skips the test visibly, unless
 * the system property {@code jwim.requireOracles} is true (CI), where it fails the test.
 */
public final class OracleTools {
    private OracleTools() {
    }

    public static void requireTool(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return;
            }
        }
        String msg = command + " is not installed (apt-get install the package that has it)";
        if (Boolean.getBoolean("jwim.requireOracles")) {
            fail(msg + "; oracle tests are mandatory here (jwim.requireOracles=true)");
        }
        Assumptions.abort(msg);
    }

    /** Output of a finished command. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs a command (after {@link #requireTool}) and returns its output. */
    public static Result run(Path workDir, String... command) throws IOException, InterruptedException {
        requireTool(command[0]);
        ProcessBuilder pb = new ProcessBuilder(List.of(command));
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        Path out = Files.createTempFile("oracle", ".out");
        Path err = Files.createTempFile("oracle", ".err");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in 5 minutes");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs a command and fails the test if it exits non-zero. */
    public static String ok(Path workDir, String... command) throws IOException, InterruptedException {
        Result r = run(workDir, command);
        if (r.exitCode() != 0) {
            fail(String.join(" ", command) + " exited " + r.exitCode() + ": " + r.stderr() + r.stdout());
        }
        return r.stdout();
    }

    public static List<String> lines(String s) {
        List<String> list = new ArrayList<>();
        for (String l : s.split("\n")) {
            if (!l.isBlank()) {
                list.add(l.stripTrailing());
            }
        }
        return list;
    }
}
