package org.jwim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jwim.wim.SplitParts;
import org.jwim.wim.WimFile;
import picocli.CommandLine.Option;

/**
 * {@code --ref=GLOB} (wimlib's syntax) for the commands that read blobs: the other parts of a
 * split WIM. Without it they are looked for beside part 1 ({@code NAME2.swm}, ...).
 */
final class RefOption {
    @Option(names = "--ref", paramLabel = "GLOB",
            description = "Parts of a split WIM (repeatable; default: NAME2.swm... beside part 1), or the base"
                    + " WIM(s) of a delta WIM written with --delta-from.")
    List<String> globs = new ArrayList<>();

    /** Opens {@code wim} whole: a split WIM with all its parts. */
    WimFile open(Path wim) throws IOException {
        List<Path> refs = new ArrayList<>();
        for (String g : globs) {
            refs.addAll(SplitParts.glob(g));
        }
        return Errors.openWim(wim, () -> WimFile.open(wim, refs));
    }
}
