package org.jwim.net;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Set;

/** The files of one server (and, for SMB, one account): paths under {@link #base()}. */
final class RemoteFileSystem extends FileSystem {
    private final RemoteProvider provider;
    private final String base;
    private final Backend backend;
    private volatile boolean open = true;

    /** @param base scheme and authority without a password, e.g. {@code smb://user@server} */
    RemoteFileSystem(RemoteProvider provider, String base, Backend backend) {
        this.provider = provider;
        this.base = base;
        this.backend = backend;
    }

    String base() {
        return base;
    }

    Backend backend() {
        return backend;
    }

    @Override
    public RemoteProvider provider() {
        return provider;
    }

    @Override
    public void close() throws IOException {
        open = false;
        provider.forget(this);
        backend.close();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isReadOnly() {
        return backend.readOnly();
    }

    @Override
    public String getSeparator() {
        return "/";
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return List.of(RemotePath.of(this, "/"));
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return List.of();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return Set.of("basic");
    }

    @Override
    public Path getPath(String first, String... more) {
        StringBuilder b = new StringBuilder(first);
        for (String m : more) {
            b.append('/').append(m);
        }
        return RemotePath.of(this, b.toString());
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        throw new UnsupportedOperationException("no path matchers on " + base);
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        throw new UnsupportedOperationException("no user lookup on " + base);
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("no watch service on " + base);
    }

    @Override
    public String toString() {
        return base;
    }
}
