package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The JIT policy of the {@code jwim} launcher (docs/performance.md, issue 24 goal 3): its
 * CompileCommand patterns must parse (a JVM refuses to start otherwise), must still name code
 * that exists (a renamed package would silently drop the policy), and must leave the codecs and
 * the write path at the default thresholds (raising theirs slows large captures).
 */
class LauncherJitFlagsTest {
    /** A method pattern of the launcher's {@code for m in ...} list: package/'*.*' or Class.'*'. */
    private static final Pattern METHODS = Pattern.compile("(org/jwim/[\\w/]+?)(/'\\*\\.\\*'|\\.'\\*')");

    /** The option each pattern gets, with its value as the launcher writes it. */
    private static final Pattern OPTION = Pattern.compile("\"(-XX:CompileCommand=CompileThresholdScaling,)\\$m(,[^\"]+)\"");

    private static String launcher() throws Exception {
        return Files.readString(JwimProcess.repoRoot().resolve("jwim"), StandardCharsets.UTF_8);
    }

    private static List<String> patterns() throws Exception {
        String launcher = launcher();
        List<String> found = new ArrayList<>();
        Matcher m = METHODS.matcher(launcher);
        while (m.find()) {
            found.add(m.group(1) + (m.group(2).startsWith("/") ? "/" : ".class"));
        }
        assertFalse(found.isEmpty(), "no CompileThresholdScaling patterns in the launcher");
        return found;
    }

    @Test
    void patternsNameExistingCodeAndSpareTheCodecsAndWriter() throws Exception {
        Path root = JwimProcess.repoRoot();
        for (String p : patterns()) {
            String source = p.endsWith("/") ? p : p.replace(".class", ".java");
            boolean exists;
            try (Stream<Path> modules = Files.list(root)) {
                exists = modules.map(d -> d.resolve("src/main/java").resolve(source)).anyMatch(Files::exists);
            }
            assertTrue(exists, p + " names no source in the repository");
            assertFalse("org/jwim/wim/compress/".startsWith(p) || p.startsWith("org/jwim/wim/compress/"), p);
            assertFalse("org/jwim/wim/write/".startsWith(p) || p.startsWith("org/jwim/wim/write/"), p);
        }
    }

    @Test
    void theJvmAcceptsTheFlags() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java"));
        Matcher option = OPTION.matcher(launcher());
        assertTrue(option.find(), "no CompileThresholdScaling option in the launcher");
        for (String p : patterns()) {
            String m = p.endsWith("/") ? p + "*.*" : p.replace(".class", ".*");
            cmd.add(option.group(1) + m + option.group(2));
        }
        cmd.add("-version");
        Process java = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(java.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, java.exitValue(), out);
        assertFalse(out.contains("error"), out);
    }
}
