package org.jwim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.jwim.wim.WimFile;
import org.jwim.wim.WimMaintenance;
import org.jwim.wim.WriteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jwim delete WIM IMAGE|all [--soft]} (wimlib's syntax), replacing the WIM atomically. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete an image (or all) from a WIM; the WIM is rebuilt without its blobs.")
final class DeleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WIM")
    Path wim;

    @Parameters(index = "1", paramLabel = "IMAGE", description = "Index, name, or all.")
    String image;

    @Option(names = "--soft", description = "Remove only the metadata; the blobs stay as dead space (fast).")
    boolean soft;

    @Option(names = {"--check", "--include-integrity"}, description = "Write an integrity table.")
    boolean check;

    @Override
    public Integer call() throws IOException {
        Set<Integer> images;
        try (WimFile w = Cli.open(wim)) {
            images = new TreeSet<>(Cli.images(w, image));
        }
        WimMaintenance.Result r = WimMaintenance.delete(wim, images, soft,
                check ? WriteOptions.defaults().integrity(true) : WriteOptions.defaults());
        Cli.out(spec).printf("Deleted %d image(s) from %s%s: %d -> %d bytes, %d -> %d blobs%n", images.size(),
                wim, soft ? " (soft)" : "", r.sizeBefore(), r.sizeAfter(), r.blobsBefore(), r.blobsAfter());
        return 0;
    }
}
