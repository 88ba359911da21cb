package org.jwim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jwim.wim.WimMaintenance;
import org.jwim.wim.WriteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jwim optimize WIM}: rebuild without dead space, replacing the WIM atomically. */
@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = "Rebuild a WIM without unreferenced blobs and dead space.")
final class OptimizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WIM")
    Path wim;

    @Option(names = "--recompress", description = "Recompress every blob (default: copy them as stored).")
    boolean recompress;

    @Option(names = "--compress", paramLabel = "TYPE", description = "New compression (recompresses).")
    String compress;

    @Option(names = "--chunk-size", paramLabel = "N", description = "New chunk size in bytes (recompresses).")
    int chunkSize;

    @Option(names = {"--check", "--include-integrity"}, description = "Write an integrity table.")
    boolean check;

    @Option(names = "--nocheck", description = "Write no integrity table (by default the WIM keeps what it has).")
    boolean nocheck;

    @Option(names = "--threads", paramLabel = "N", description = "Compressor threads (default: cores).")
    int threads;

    @Override
    public Integer call() throws IOException {
        Boolean integrity = Cli.integrity(check, nocheck);
        WriteOptions options = integrity == null ? WriteOptions.defaults() : WriteOptions.defaults().integrity(integrity);
        if (compress != null) {
            options = options.compression(Cli.compression(spec, compress))
                    .compressionLevel(Cli.compressionLevel(spec, compress));
        }
        if (chunkSize != 0) {
            options = options.chunkSize(chunkSize);
        }
        if (threads != 0) {
            options = options.threads(threads);
        }
        Cli.open(wim).close(); // a bad WIM fails here, named
        // wimlib: --compress and --chunk-size imply --recompress (a new level needs it too)
        boolean rewrite = recompress || compress != null || chunkSize != 0;
        WimMaintenance.Result r = WimMaintenance.optimize(wim, options, rewrite);
        Cli.out(spec).printf("Optimized %s: %d -> %d bytes, %d -> %d blobs%n", wim, r.sizeBefore(),
                r.sizeAfter(), r.blobsBefore(), r.blobsAfter());
        return 0;
    }
}
