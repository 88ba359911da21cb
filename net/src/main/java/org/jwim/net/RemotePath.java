package org.jwim.net;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A path on a web server or SMB share: names separated by "/" under the file system's base
 * ({@code smb://user@server}); its string form is the URI without any password. Immutable.
 */
final class RemotePath implements Path {
    private final RemoteFileSystem fs;
    private final String[] names;
    private final boolean absolute;

    RemotePath(RemoteFileSystem fs, String[] names, boolean absolute) {
        this.fs = fs;
        this.names = names;
        this.absolute = absolute;
    }

    /** A path from "a/b/c" or "/a/b/c". */
    static RemotePath of(RemoteFileSystem fs, String path) {
        List<String> parts = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                parts.add(s);
            }
        }
        return new RemotePath(fs, parts.toArray(new String[0]), path.startsWith("/"));
    }

    String[] names() {
        return names.clone();
    }

    /** The names joined by "/", without a leading one. */
    String joined() {
        return String.join("/", names);
    }

    @Override
    public RemoteFileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return absolute;
    }

    @Override
    public Path getRoot() {
        return absolute ? new RemotePath(fs, new String[0], true) : null;
    }

    @Override
    public Path getFileName() {
        return names.length == 0 ? null : new RemotePath(fs, new String[] {names[names.length - 1]}, false);
    }

    @Override
    public Path getParent() {
        if (names.length == 0 || (names.length == 1 && !absolute)) {
            return null;
        }
        return new RemotePath(fs, Arrays.copyOf(names, names.length - 1), absolute);
    }

    @Override
    public int getNameCount() {
        return names.length;
    }

    @Override
    public Path getName(int index) {
        return new RemotePath(fs, new String[] {names[index]}, false);
    }

    @Override
    public Path subpath(int begin, int end) {
        return new RemotePath(fs, Arrays.copyOfRange(names, begin, end), false);
    }

    @Override
    public boolean startsWith(Path other) {
        if (!(other instanceof RemotePath o) || o.fs != fs) {
            return false;
        }
        return o.absolute == absolute && o.names.length <= names.length
                && Arrays.equals(o.names, Arrays.copyOf(names, o.names.length));
    }

    @Override
    public boolean endsWith(Path other) {
        if (!(other instanceof RemotePath o) || o.fs != fs) {
            return false;
        }
        if (o.absolute) {
            return equals(o);
        }
        return o.names.length <= names.length
                && Arrays.equals(o.names, Arrays.copyOfRange(names, names.length - o.names.length, names.length));
    }

    @Override
    public Path normalize() {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (n.equals("..") && !out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                out.remove(out.size() - 1);
            } else if (!n.equals(".") && !(n.equals("..") && absolute)) {
                out.add(n);
            }
        }
        return new RemotePath(fs, out.toArray(new String[0]), absolute);
    }

    @Override
    public Path resolve(Path other) {
        RemotePath o = cast(other);
        if (o.absolute) {
            return o;
        }
        String[] joined = Arrays.copyOf(names, names.length + o.names.length);
        System.arraycopy(o.names, 0, joined, names.length, o.names.length);
        return new RemotePath(fs, joined, absolute);
    }

    @Override
    public Path relativize(Path other) {
        RemotePath o = cast(other);
        if (!o.startsWith(this)) {
            throw new IllegalArgumentException(other + " is not under " + this);
        }
        return new RemotePath(fs, Arrays.copyOfRange(o.names, names.length, o.names.length), false);
    }

    @Override
    public URI toUri() {
        try {
            return new URI(fs.base() + new URI(null, null, "/" + joined(), null).getRawPath());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Path toAbsolutePath() {
        return absolute ? this : new RemotePath(fs, names, true);
    }

    @Override
    public Path toRealPath(LinkOption... options) {
        return toAbsolutePath();
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("no watch service on " + fs.base());
    }

    @Override
    public int compareTo(Path other) {
        return toString().compareTo(other.toString());
    }

    private RemotePath cast(Path other) {
        if (!(other instanceof RemotePath r) || r.fs != fs) {
            throw new ProviderMismatchException(other + " is not on " + fs.base());
        }
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemotePath r && r.fs == fs && r.absolute == absolute && Arrays.equals(r.names, names);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(names) * 31 + fs.hashCode();
    }

    @Override
    public String toString() {
        return absolute ? fs.base() + "/" + joined() : joined();
    }
}
