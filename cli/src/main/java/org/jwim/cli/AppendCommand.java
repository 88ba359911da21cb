package org.jwim.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jwim append DIR WIM [NAME [DESC]]}: adds an image to an existing WIM. */
@Command(name = "append", mixinStandardHelpOptions = true,
        description = "Capture a directory tree as a new image of an existing WIM (blobs shared).")
final class AppendCommand extends ImageWriteCommand {
    @Mixin
    NetOptions net;

    @Override
    boolean append() {
        return true;
    }
}
