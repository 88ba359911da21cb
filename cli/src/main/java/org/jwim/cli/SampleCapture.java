package org.jwim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.jwim.capture.CaptureException;

/**
 * {@code jwim capture} without arguments: captures the shipped sample tree into
 * {@code jwim-sample.wim} in the current directory and prints its info. Git keeps neither hard
 * links nor empty directories, so the hard link {@code hello-hardlink.txt} and the directory
 * {@code empty-dir} are (re)created in the sample tree first.
 */
final class SampleCapture {
    static final String OUTPUT = "jwim-sample.wim";

    private SampleCapture() {
    }

    static int run(ImageWriteCommand cmd, PrintWriter out, PrintWriter err) throws IOException {
        Path tree = locate();
        prepare(tree);
        Path wim = Path.of(OUTPUT).toAbsolutePath();
        out.println("Capturing the sample tree " + tree + " into " + wim);
        if (cmd.write(tree, wim, cmd.name != null ? cmd.name : "jwim sample",
                cmd.description != null ? cmd.description : "the sample tree shipped with jwim", out, err) < 0) {
            return Main.INTERRUPTED;
        }
        out.println();
        try (var w = Cli.open(wim)) {
            InfoCommand.printInfo(w, 0, out);
        }
        return Main.exitCode(cmd.warningCount > 0);
    }

    /** $JWIM_HOME/samples/tree, else ./samples/tree. */
    static Path locate() throws CaptureException {
        String home = System.getenv("JWIM_HOME");
        Path p = home != null && !home.isEmpty() ? Path.of(home, "samples", "tree") : Path.of("samples", "tree");
        if (!Files.isDirectory(p.resolve("hello.txt").getParent()) || !Files.exists(p.resolve("hello.txt"))) {
            throw new CaptureException("sample tree not found at " + p.toAbsolutePath()
                    + " (run from the jwim repository or set JWIM_HOME); to capture your own"
                    + " directory: jwim capture DIR WIM [NAME [DESC]]");
        }
        return p.toAbsolutePath().normalize();
    }

    static void prepare(Path tree) throws IOException {
        Path link = tree.resolve("hello-hardlink.txt");
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            Files.createLink(link, tree.resolve("hello.txt"));
        }
        Files.createDirectories(tree.resolve("empty-dir"));
    }
}
