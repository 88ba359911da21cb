package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TestTrees;

/**
 * Every command's error paths print one line naming the file the user gave and the reason,
 * never a Java class name, "(null)" or a temporary file.
 */
class ErrorMessagesTest {
    @TempDir
    static Path tmp;
    static Path good;
    private static final int NOBODY = 65534;

    @BeforeAll
    static void inputs() throws IOException {
        Path src = TestTrees.mixed(tmp.resolve("src"));
        good = tmp.resolve("good.wim");
        Jwim.ok("capture", src, good, "--compress=none");
        Files.createDirectories(tmp.resolve("adir"));
        byte[] random = new byte[8192];
        new Random(21).nextBytes(random);
        Files.write(tmp.resolve("random.wim"), random);
        byte[] all = Files.readAllBytes(good);
        Files.write(tmp.resolve("truncated.wim"), java.util.Arrays.copyOf(all, 300));
        Files.write(tmp.resolve("tiny.wim"), java.util.Arrays.copyOf(all, 100));
    }

    /** Input kind, the reason expected after "FILE: ". */
    static Stream<Arguments> wimInputs() {
        return Stream.of(
                Arguments.of("nope.wim", "no such file"),
                Arguments.of("adir", "is a directory"),
                Arguments.of("random.wim", "not a WIM file (bad magic"),
                Arguments.of("tiny.wim", "not a WIM file"),
                Arguments.of("truncated.wim", "damaged or truncated WIM file"));
    }

    /** Each command that reads a WIM, with that WIM in the place of {@code W}. */
    static Stream<Arguments> wimReaders() {
        List<Arguments> all = new ArrayList<>();
        String[][] commands = {{"info", "W"}, {"info", "--header", "W"}, {"dir", "W", "1"}, {"verify", "W"},
            {"extract", "W", "1", "a.txt", "--dest-dir", "OUT"}, {"apply", "W", "1", "OUT"},
            {"apply-disk", "W", "OUT/disk.img"}, {"append", "SRC", "W"}, {"export", "W", "1", "OUT/disk.img"},
            {"split", "W", "OUT/disk.img", "1"}, {"delete", "W", "1"}, {"optimize", "W"}};
        for (String[] c : commands) {
            wimInputs().forEach(i -> all.add(Arguments.of(c, i.get()[0], i.get()[1])));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("wimReaders")
    void aBadWimIsNamedWithTheReason(String[] command, String input, String reason) throws IOException {
        Path out = Files.createTempDirectory(tmp, "out");
        Path wim = tmp.resolve(input);
        List<String> args = new ArrayList<>();
        for (String a : command) {
            args.add(a.equals("W") ? wim.toString() : a.equals("OUT") ? out.toString()
                    : a.equals("OUT/disk.img") ? out.resolve("disk.img").toString()
                    : a.equals("SRC") ? tmp.resolve("src").toString() : a);
        }
        if (command[0].equals("append") && !input.equals("nope.wim") && !input.equals("adir")) {
            reason = reason.startsWith("not a WIM") ? "not a WIM file" : reason;
        }
        assertOneLine(Jwim.run(args.toArray()), wim + ": " + (command[0].equals("append") && input.equals("adir")
                ? "" : reason));
    }

    @Test
    void captureNamesTheMissingSourceAndTheOutputItCannotCreate() {
        assertOneLine(Jwim.run("capture", tmp.resolve("nope"), tmp.resolve("x.wim")), tmp.resolve("nope") + ": no such");
        Path x = tmp.resolve("nonexist/dir/x.wim");
        assertOneLine(Jwim.run("capture", tmp.resolve("src"), x),
                "cannot create " + x + ": no such directory " + tmp.resolve("nonexist/dir"));
        assertOneLine(Jwim.run("capture", tmp.resolve("src"), tmp.resolve("adir")),
                "cannot create " + tmp.resolve("adir") + ": is a directory");
    }

    @Test
    void captureDiskNamesTheDisk() {
        assertOneLine(Jwim.run("capture-disk", tmp.resolve("nope.img"), tmp.resolve("d.wim")),
                tmp.resolve("nope.img") + ": no such file");
        assertOneLine(Jwim.run("capture-disk", tmp.resolve("adir"), tmp.resolve("d.wim")), tmp.resolve("adir").toString());
        assertOneLine(Jwim.run("capture-disk", tmp.resolve("random.wim"), tmp.resolve("d.wim")),
                tmp.resolve("random.wim").toString());
    }

    @Test
    void permissionDeniedNamesTheFile() throws Exception {
        Path perm = Files.createDirectories(tmp.resolve("perm"));
        Path src = Files.createDirectories(perm.resolve("src"));
        Files.writeString(src.resolve("ok.txt"), "ok");
        Path secret = Files.writeString(src.resolve("secret.txt"), "s");
        Path secretWim = Files.copy(good, perm.resolve("secret.wim"));
        Path ro = Files.createDirectories(perm.resolve("ro"));
        Path cp = Files.createDirectories(perm.resolve("cp"));
        for (Path p : new Path[] {tmp, perm, src, cp}) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        Files.setPosixFilePermissions(src.resolve("ok.txt"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(secretWim, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        // like wimlib, a source file that cannot be read stops the capture, named
        assertOneLine(asUser(cp, "capture", src.toString(), perm.resolve("out.wim").toString()), secret + ": permission denied");
        assertOneLine(asUser(cp, "info", secretWim.toString()), secretWim + ": permission denied");
        Path x = ro.resolve("x.wim");
        assertOneLine(asUser(cp, "capture", src.toString(), x.toString()),
                "cannot create " + x + ": permission denied");
    }

    /**
     * Runs jwim as a user file modes apply to: in-process when this is not root, else as
     * nobody through setpriv.
     */
    private static Jwim.Result asUser(Path cp, String... args) throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Jwim.run((Object[]) args);
        }
        OracleTools.requireTool("setpriv");
        Path out = cp.resolve("out.log");
        Path err = cp.resolve("err.log");
        Process p = new ProcessBuilder(JwimProcess.commandAs(NOBODY, cp, args))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "jwim as nobody timed out");
        return new Jwim.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void assertOneLine(Jwim.Result r, String expected) {
        assertEquals(Main.FAILED, r.exit(), r.toString());
        String err = r.err();
        assertTrue(err.startsWith("jwim: error: ") && err.endsWith("\n") && err.indexOf('\n') == err.length() - 1,
                "one error line: " + r);
        assertTrue(err.contains(expected), "expected '" + expected + "' in " + r);
        for (String bad : new String[] {"Exception", "java.", "(null)", ".tmp", "null"}) {
            assertFalse(err.contains(bad), "'" + bad + "' in " + r);
        }
    }
}
