package org.jwim.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jwim capture DIR WIM [NAME [DESC]]}: writes a new WIM; with no arguments, the sample. */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Capture a directory tree into a new WIM file (replaced atomically if it exists).",
                "With no arguments: capture the shipped sample tree samples/tree into"
                        + " jwim-sample.wim in the current directory and print its info."})
final class CaptureCommand extends ImageWriteCommand {
    @Mixin
    NetOptions net;

    @Override
    boolean append() {
        return false;
    }
}
