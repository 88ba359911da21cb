package org.jwim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jwim.capture.CaptureException;
import org.jwim.capture.CaptureJob;
import picocli.CommandLine.Option;

/**
 * {@code --delta-from} and {@code --verify-unchanged}, shared by the capturing commands. Each
 * command keeps its own {@code --update-of}: what WIM and IMAGE default to differs between a
 * directory capture and a disk capture.
 */
final class IncrementalOptions {
    @Option(names = "--verify-unchanged",
            description = "With --update-of: read and hash the files taken as unchanged anyway; warn about each"
                    + " that differs (and capture it as it is).")
    boolean verifyUnchanged;

    @Option(names = "--delta-from", paramLabel = "BASE.wim",
            description = "Write a delta WIM: blobs BASE.wim holds are left out; read it with --ref=BASE.wim"
                    + " (repeatable).")
    List<Path> deltaFrom = new ArrayList<>();

    /**
     * Sets the options on {@code job}, which already has the command's {@code --update-of} when
     * {@code updateOf} is true.
     */
    void applyTo(CaptureJob<?> job, boolean updateOf) throws IOException {
        for (Path base : deltaFrom) {
            Errors.openWim(base).close(); // a bad base fails here, named
            job.deltaFrom(base);
        }
        if (updateOf) {
            job.verifyUnchanged(verifyUnchanged);
        } else if (verifyUnchanged) {
            throw new CaptureException("--verify-unchanged needs --update-of");
        }
    }
}
