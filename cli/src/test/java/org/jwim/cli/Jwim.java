package org.jwim.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Runs the CLI in-process and captures its output. */
public final class Jwim {
    private Jwim() {
    }

    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    public static Result run(Object... args) {
        String[] a = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            a[i] = args[i] instanceof Path p ? p.toString() : String.valueOf(args[i]);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Main.run(o, e, a);
        }
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Runs and fails the test unless the exit code is 3 (completed with warnings) and stderr
     * contains {@code warning}.
     */
    public static Result warned(String warning, Object... args) {
        Result r = run(args);
        if (r.exit() != 3 || !r.err().contains(warning)) {
            throw new AssertionError("jwim " + java.util.Arrays.toString(args) + ": expected exit 3 and the warning '"
                    + warning + "': " + r);
        }
        return r;
    }

    /** Runs and fails the test unless the exit code is 0. */
    public static Result ok(Object... args) {
        Result r = run(args);
        if (r.exit() != 0) {
            throw new AssertionError("jwim " + java.util.Arrays.toString(args) + " failed: " + r);
        }
        return r;
    }
}
