package org.jwim.wim.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file of the host file system (directory capture). The sort key is the order in which the
 * scan found the file, which on most file systems follows the directory layout.
 */
public record HostFileSource(Path path, long size, long sortKey) implements BlobSource {
    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }
}
