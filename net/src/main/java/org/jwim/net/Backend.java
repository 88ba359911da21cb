package org.jwim.net;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.List;

/** What a kind of server (HTTP, SMB) does for the paths of one {@link RemoteFileSystem}. */
interface Backend extends Closeable {
    /** Opens the file for positional reads. */
    FileChannel openRead(RemotePath p) throws IOException;

    /**
     * Opens the file for writing and reading, creating it if missing ({@code createNew}: it must
     * not exist); {@code truncate} empties an existing one.
     */
    FileChannel openWrite(RemotePath p, boolean createNew, boolean truncate) throws IOException;

    /** Size and kind of the file, or {@link java.nio.file.NoSuchFileException}. */
    RemoteAttributes stat(RemotePath p) throws IOException;

    void delete(RemotePath p) throws IOException;

    /** Renames {@code from} to {@code to}, replacing it if asked. */
    void move(RemotePath from, RemotePath to, boolean replace) throws IOException;

    /** Names in a directory. */
    List<String> list(RemotePath dir) throws IOException;

    boolean readOnly();

    /**
     * Starts connecting to the server of {@code p} in the background, if that is worth it; the
     * first use waits for it and reports its failure. By default nothing.
     */
    default void connectAhead(RemotePath p) {
    }
}
