package org.jwim.fat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds external tools and runs them. A missing tool skips the test visibly, or fails it when
 * the system property {@code jwim.requireOracles} is true (CI).
 */
final class OracleTools {
    private static final Map<String, CompletableFuture<Path>> IMAGES = new HashMap<>();

    private OracleTools() {
    }

    static void requireTool(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return;
            }
        }
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return;
            }
        }
        String msg = command + " not installed";
        if (Boolean.getBoolean("jwim.requireOracles")) {
            throw new AssertionError(msg + " (jwim.requireOracles=true)");
        }
        Assumptions.abort(msg);
    }

    /** Runs a command with the mtools environment; returns stdout (UTF-8); fails on exit != 0. */
    static String run(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
        pb.environment().put("MTOOLS_SKIP_CHECK", "1");
        pb.environment().put("LC_ALL", "C.UTF-8");
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin");
        Path err = Files.createTempFile("oracle", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        String stderr = Files.readString(err);
        Files.deleteIfExists(err);
        if (p.exitValue() != 0) {
            throw new AssertionError(cmd + " exited " + p.exitValue() + ": " + stderr);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /**
     * The image made by scripts/fat/make-fixture.sh for {@code type}, built once per test JVM
     * in a temporary directory removed at exit. The first request starts all three types at
     * once (the script mostly waits on mtools processes). Tests must not modify it: copy it.
     */
    static Path fixture(String type) {
        requireTool("mkfs.fat");
        requireTool("mcopy");
        synchronized (IMAGES) {
            if (IMAGES.isEmpty()) {
                for (String t : List.of("fat32", "fat16", "fat12")) {
                    IMAGES.put(t, CompletableFuture.supplyAsync(() -> generate(t)));
                }
            }
        }
        return IMAGES.get(type).join();
    }

    private static Path generate(String type) {
        try {
            Path dir = Files.createTempDirectory("jwim-fat-fixture");
            Path img = dir.resolve(type + ".img");
            img.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            run(List.of("bash", script().toString(), img.toString(), type));
            return img;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path script() {
        // surefire runs with the module directory as working directory
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path s = p.resolve("scripts/fat/make-fixture.sh");
            if (Files.isRegularFile(s)) {
                return s;
            }
        }
        throw new AssertionError("scripts/fat/make-fixture.sh not found above " + Path.of("").toAbsolutePath());
    }
}
