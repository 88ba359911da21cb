package org.jwim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jwim.capture.CaptureException;
import org.jwim.capture.apply.ApplyReport;
import org.jwim.capture.apply.DirectoryTarget;
import org.jwim.wim.WimFile;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jwim extract WIM IMAGE PATH... --dest-dir D}. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Extract files or directories (paths inside the image, '/' separated) into a directory.")
final class ExtractCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RefOption refs;

    @Parameters(index = "0", paramLabel = "WIM")
    Path wim;

    @Parameters(index = "1", paramLabel = "IMAGE", description = "Index or name.")
    String image;

    @Parameters(index = "2..*", arity = "1..*", paramLabel = "PATH")
    List<String> paths;

    @Option(names = "--dest-dir", paramLabel = "D", description = "Where to put them (default: current directory).")
    Path dest = Path.of(".");

    @Option(names = {"--recover-data", "--skip-corrupt"}, description = "Skip (and list) files whose data is corrupt instead of failing.")
    boolean skipCorrupt;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = Cli.out(spec);
        PrintWriter err = Cli.err(spec);
        try (WimFile w = refs.open(wim)) {
            ImageTree tree = w.readImage(Cli.image(w, image));
            List<Dentry> selected = new ArrayList<>();
            for (String p : paths) {
                selected.add(find(tree, p));
            }
            ApplyReport r = DirectoryTarget.of(dest).skipCorrupt(skipCorrupt)
                    .warnings(m -> err.println("jwim: warning: " + m)).readOrder(w.readOrder())
                    .extract(selected, w::openBlob);
            out.printf("Extracted %d path(s) to %s: %d directories, %d files, %d bytes%n",
                    selected.size(), dest, r.directories(), r.files() + r.hardLinks() + r.symlinks(), r.bytes());
            return Main.exitCode(!r.warnings().isEmpty() || !r.corrupt().isEmpty());
        }
    }

    static Dentry find(ImageTree tree, String path) throws CaptureException {
        Dentry d = tree.root();
        for (String part : path.replace('\\', '/').split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            Dentry next = d.child(part);
            if (next == null) {
                throw new CaptureException("\"" + path + "\" does not exist in the image");
            }
            d = next;
        }
        return d;
    }
}
