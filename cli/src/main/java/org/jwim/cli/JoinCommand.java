package org.jwim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jwim.wim.WimMaintenance;
import org.jwim.wim.WriteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jwim join OUT.wim PART...} (wimlib's syntax). */
@Command(name = "join", mixinStandardHelpOptions = true,
        description = "Join the parts of a split WIM (in any order) into one WIM.")
final class JoinCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT")
    Path out;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PART")
    List<Path> parts;

    @Option(names = {"--check", "--include-integrity"}, description = "Write an integrity table.")
    boolean check;

    @Override
    public Integer call() throws IOException {
        WimMaintenance.Result r = WimMaintenance.join(parts, out, WriteOptions.defaults().integrity(check));
        Cli.out(spec).printf("Joined %d parts into %s: %d bytes, %d blobs%n", parts.size(), out,
                r.sizeAfter(), r.blobsAfter());
        return 0;
    }
}
