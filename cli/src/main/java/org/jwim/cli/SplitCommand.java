package org.jwim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jwim.wim.SplitWriter;
import org.jwim.wim.WimFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jwim split WIM PART1.swm SIZE_MB} (wimlib's syntax). */
@Command(name = "split", mixinStandardHelpOptions = true,
        description = "Split a WIM into parts of at most SIZE_MB MiB (NAME.swm, NAME2.swm, ...).")
final class SplitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WIM")
    Path wim;

    @Parameters(index = "1", paramLabel = "PART1")
    Path part1;

    @Parameters(index = "2", paramLabel = "SIZE_MB",
            description = "Largest part in MiB (fractions allowed); a larger blob gets a part of its own.")
    double sizeMb;

    @Override
    public Integer call() throws IOException {
        List<Path> parts;
        try (WimFile w = Cli.open(wim)) {
            parts = split(w, part1, sizeMb, spec);
        }
        report(parts, spec);
        return 0;
    }

    static List<Path> split(WimFile w, Path part1, double sizeMb, CommandSpec spec) throws IOException {
        long bytes = (long) (sizeMb * (1 << 20));
        if (!(sizeMb > 0) || bytes < 4096) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "SIZE_MB must be at least 4 KiB (0.004), not " + sizeMb);
        }
        return SplitWriter.split(w, part1, bytes);
    }

    /** Where a command that writes a split WIM puts the whole WIM before splitting it. */
    static Path wholeBeside(Path part1) {
        return part1.toAbsolutePath().resolveSibling("." + part1.getFileName() + ".jwim-whole.wim");
    }

    /** Splits the whole WIM written by {@code capture}/{@code export --split}, then deletes it. */
    static void splitWhole(Path whole, Path part1, double sizeMb, CommandSpec spec) throws IOException {
        try (WimFile w = WimFile.open(whole)) {
            report(split(w, part1, sizeMb, spec), spec);
        } finally {
            Files.deleteIfExists(whole);
        }
    }

    static void report(List<Path> parts, CommandSpec spec) throws IOException {
        for (Path p : parts) {
            Cli.out(spec).printf("Wrote %s (%d bytes)%n", p, Files.size(p));
        }
    }
}
