package org.jwim.capture.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Oracle tools (wimlib-imagex, mkntfs, ntfs-3g ...) for tests: a missing tool skips the test
 * visibly, or fails it when the system property {@code jwim.requireOracles} is true (CI).
 */
public final class OracleTools {
    private OracleTools() {
    }

    public static boolean required() {
        return Boolean.getBoolean("jwim.requireOracles");
    }

    /**
     * The one path of every environment skip: skips the test visibly unless {@code available},
     * or fails it when {@code jwim.requireOracles} is true (CI), with {@code missing} as the reason.
     */
    public static void requireEnvironment(boolean available, String missing) {
        if (available) {
            return;
        }
        if (required()) {
            Assertions.fail(missing + " (jwim.requireOracles=true)");
        }
        Assumptions.abort(missing);
    }

    /** Skips (or fails, in CI) unless {@code command} is on the PATH. */
    public static void requireTool(String command) {
        requireEnvironment(onPath(command), command + " not installed");
    }

    /** Skips (or fails, in CI) unless running as root (needed for FUSE mounts). */
    public static void requireRoot() {
        boolean root = "root".equals(System.getProperty("user.name"));
        requireEnvironment(root && Files.exists(Path.of("/dev/fuse")),
                root ? "/dev/fuse missing" : "not running as root (FUSE mount needed)");
    }

    public static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command; fails the test on a non-zero exit. Returns stdout+stderr. */
    public static String run(Path dir, String... command) throws IOException, InterruptedException {
        Result r = runResult(dir, command);
        if (r.exit != 0) {
            Assertions.fail(String.join(" ", command) + " exited " + r.exit + ":\n" + r.output);
        }
        return r.output;
    }

    /** Exit code and combined output of a command. */
    public record Result(int exit, String output) {
    }

    public static Result runResult(Path dir, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().put("LC_ALL", "C.UTF-8");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            Assertions.fail(String.join(" ", command) + " timed out");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
