package org.jwim.ntfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Access to the real NTFS tools used as oracles. A missing tool skips the test visibly, unless
 * the system property {@code jwim.requireOracles} is {@code true} (CI), where it fails.
 */
final class OracleTools {
    private OracleTools() {
    }

    static boolean required() {
        return Boolean.getBoolean("jwim.requireOracles");
    }

    static void requireTool(String command) {
        if (!onPath(command)) {
            unavailable(command + " not installed");
        }
    }

    /** FUSE mounts and mkntfs on files need root and /dev/fuse. */
    static void requireRootAndFuse() {
        if (!"root".equals(System.getProperty("user.name")) || !Files.exists(Path.of("/dev/fuse"))) {
            unavailable("ntfs-3g FUSE mounts need root and /dev/fuse");
        }
    }

    private static void unavailable(String why) {
        if (required()) {
            Assertions.fail(why + " (jwim.requireOracles=true)");
        }
        Assumptions.abort(why);
    }

    static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command, fails the test with its output when it exits non-zero. */
    static String run(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            Assertions.fail(String.join(" ", cmd) + " timed out");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            Assertions.fail(String.join(" ", cmd) + " exited " + p.exitValue() + ":\n" + text);
        }
        return text;
    }
}
