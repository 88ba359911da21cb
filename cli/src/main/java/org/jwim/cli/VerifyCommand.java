package org.jwim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jwim.capture.CaptureException;
import org.jwim.wim.VerifyReport;
import org.jwim.wim.WimFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jwim verify WIM}: checks every blob's SHA-1, each image's metadata, the integrity table. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check every blob, every image's metadata and the integrity table (if any).")
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    NetOptions net;

    @Spec
    CommandSpec spec;

    @Mixin
    RefOption refs;

    @Parameters(index = "0", paramLabel = "WIM")
    Path wim;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = Cli.out(spec);
        PrintWriter err = Cli.err(spec);
        try (WimFile w = refs.open(wim)) {
            VerifyReport r = w.verify();
            for (String p : r.problems()) {
                err.println("jwim: problem: " + p);
            }
            if (!r.ok()) {
                throw new CaptureException(wim + ": " + r.problems().size() + " problem(s) found");
            }
            out.printf("%s: OK (%d images, %d blobs checked%s)%n", wim, r.imagesChecked(), r.blobsChecked(),
                    r.integrityChecked() ? ", integrity table checked" : "");
        }
        return 0;
    }
}
