package org.jwim.net;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The file system provider of one URI scheme; file systems (one per server and account) are
 * made by the backend factory on first use and live until closed. Only what the WIM reader
 * and writer use is supported: channels, attributes, delete, rename, directory listing.
 */
final class RemoteProvider extends FileSystemProvider {
    private final String scheme;
    private final Function<URI, Backend> backends;
    private final Map<String, RemoteFileSystem> systems = new ConcurrentHashMap<>();

    RemoteProvider(String scheme, Function<URI, Backend> backends) {
        this.scheme = scheme;
        this.backends = backends;
    }

    @Override
    public String getScheme() {
        return scheme;
    }

    /** The file system for {@code base} (scheme and authority, no password), made on first use. */
    RemoteFileSystem system(URI uri, String base) {
        return systems.computeIfAbsent(base, b -> new RemoteFileSystem(this, b, backends.apply(uri)));
    }

    void forget(RemoteFileSystem fs) {
        systems.remove(fs.base(), fs);
    }

    @Override
    public RemoteFileSystem newFileSystem(URI uri, Map<String, ?> env) {
        String base = NetPaths.base(uri);
        if (systems.containsKey(base)) {
            throw new FileSystemAlreadyExistsException(base);
        }
        return system(uri, base);
    }

    @Override
    public RemoteFileSystem getFileSystem(URI uri) {
        return system(uri, NetPaths.base(uri));
    }

    @Override
    public Path getPath(URI uri) {
        return NetPaths.parse(uri.toString());
    }

    private static RemotePath remote(Path p) {
        if (!(p instanceof RemotePath r)) {
            throw new ProviderMismatchException(p + " is not a network path");
        }
        return r;
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return newFileChannel(path, options, attrs);
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        RemotePath p = remote(path);
        boolean write = options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
        if (!write) {
            return p.getFileSystem().backend().openRead(p);
        }
        if (p.getFileSystem().isReadOnly()) {
            throw new ReadOnlyFileSystemException();
        }
        return p.getFileSystem().backend().openWrite(p, options.contains(StandardOpenOption.CREATE_NEW),
                options.contains(StandardOpenOption.TRUNCATE_EXISTING));
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        RemotePath d = remote(dir);
        List<Path> entries = new ArrayList<>();
        for (String name : d.getFileSystem().backend().list(d)) {
            Path child = d.resolve(RemotePath.of(d.getFileSystem(), name));
            if (filter.accept(child)) {
                entries.add(child);
            }
        }
        return new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                return entries.iterator();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) {
        throw new UnsupportedOperationException("creating directories on " + dir.getFileSystem());
    }

    @Override
    public void delete(Path path) throws IOException {
        RemotePath p = remote(path);
        p.getFileSystem().backend().delete(p);
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        RemotePath from = remote(source);
        RemotePath to = remote(target);
        boolean replace = List.of(options).contains(StandardCopyOption.REPLACE_EXISTING);
        if (!replace && exists(to)) {
            throw new FileAlreadyExistsException(to.toString());
        }
        try (FileChannel in = from.getFileSystem().backend().openRead(from);
                FileChannel out = to.getFileSystem().backend().openWrite(to, false, true)) {
            long size = in.size();
            for (long done = 0; done < size;) {
                done += in.transferTo(done, size - done, out);
            }
        }
    }

    private static boolean exists(RemotePath p) throws IOException {
        try {
            p.getFileSystem().backend().stat(p);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        RemotePath from = remote(source);
        RemotePath to = remote(target);
        from.getFileSystem().backend().move(from, to, List.of(options).contains(StandardCopyOption.REPLACE_EXISTING));
    }

    @Override
    public boolean isSameFile(Path path, Path path2) {
        return path.toAbsolutePath().normalize().equals(path2.toAbsolutePath().normalize());
    }

    @Override
    public boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    @Override
    public FileStore getFileStore(Path path) {
        throw new UnsupportedOperationException("no file store information on " + path.getFileSystem());
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        RemotePath p = remote(path);
        p.getFileSystem().backend().stat(p);
        for (AccessMode m : modes) {
            if (m != AccessMode.READ && p.getFileSystem().isReadOnly()) {
                throw new java.nio.file.AccessDeniedException(p.toString(), null, "read-only (web server)");
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        if (type != BasicFileAttributeView.class) {
            return null;
        }
        RemotePath p = remote(path);
        return (V) new BasicFileAttributeView() {
            @Override
            public String name() {
                return "basic";
            }

            @Override
            public BasicFileAttributes readAttributes() throws IOException {
                return p.getFileSystem().backend().stat(p);
            }

            @Override
            public void setTimes(FileTime m, FileTime a, FileTime c) {
                // times of a WIM on a server are the server's
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        if (!type.isAssignableFrom(RemoteAttributes.class)) {
            throw new UnsupportedOperationException(type.getSimpleName() + " on " + path.getFileSystem());
        }
        RemotePath p = remote(path);
        return (A) p.getFileSystem().backend().stat(p);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        RemoteAttributes a = readAttributes(path, RemoteAttributes.class, options);
        return Map.of("size", a.size(), "isDirectory", a.isDirectory(), "isRegularFile", a.isRegularFile(),
                "lastModifiedTime", a.lastModifiedTime());
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
        throw new UnsupportedOperationException("setting " + attribute + " on " + path.getFileSystem());
    }
}
