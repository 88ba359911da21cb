package org.jwim.capture.source;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jwim.capture.CaptureException;
import org.jwim.capture.apply.FileErrors;
import org.jwim.capture.internal.FileTimes;
import org.jwim.capture.internal.ReparseBuffers;
import org.jwim.capture.platform.PosixStat;
import org.jwim.common.Warning;
import org.jwim.wim.CancelledException;
import org.jwim.wim.ProgressEvent;
import org.jwim.wim.ProgressListener;
import org.jwim.wim.WimWriter;
import org.jwim.wim.blob.HostFileSource;
import org.jwim.wim.blob.MemorySource;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.FileIdentity;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.SecurityDescriptors;
import org.jwim.wim.model.StreamKind;
import org.jwim.wim.model.StreamRef;
import org.jwim.wim.model.UnixData;

/**
 * Scans a host directory tree into an {@link ImageTree} the way wimlib's UNIX capture does:
 * files get attribute NORMAL (0x80), or SPARSE_FILE (0x200) alone when fewer bytes are
 * allocated than their size (Linux only), directories DIRECTORY (0x10), symbolic links become
 * symlink reparse points (0x400, plus DIRECTORY when the target is a directory; never
 * descended into), hard links share one inode (detected by file key
 * and link count), creation time = last write time = mtime, access time = atime. No file data
 * is read: each non-empty file's unnamed stream is a {@link HostFileSource} whose sort key is the
 * scan order. FIFOs, sockets and devices are skipped with a warning unless
 * {@link #unixData(boolean)}; so is any entry that cannot be read. {@link #config(CaptureConfig)}
 * and {@link #dereference(boolean)} follow wimlib's {@code --config} and {@code --dereference}.
 * The walk is iterative and its order is deterministic (names sorted per directory).
 * <p>Instances are single-use per {@link #scan()} call and not thread-safe.
 */
public final class DirectorySource {
    private final Path root;
    private Predicate<Path> exclude = p -> false;
    private CaptureConfig config = CaptureConfig.none();
    private boolean dereference;
    private boolean unixData;
    private LinkOption[] linkOptions = {LinkOption.NOFOLLOW_LINKS};
    private Consumer<Warning> warnings = w -> { };
    private final boolean unixView;
    private ProgressListener progress = ProgressListener.NONE;
    private long scannedFiles;
    private long scannedBytes;

    private DirectorySource(Path root) {
        this.root = Objects.requireNonNull(root);
        this.unixView = root.getFileSystem().supportedFileAttributeViews().contains("unix");
    }

    /** A source for the directory tree at {@code root} (the root itself may be a symlink to a directory). */
    public static DirectorySource of(Path root) {
        return new DirectorySource(root);
    }

    /**
     * Entries to leave out, tested with their path relative to the root (for example
     * {@code sub/file.tmp}); an excluded directory is not descended into. None by default.
     */
    public DirectorySource exclude(Predicate<Path> relativePathFilter) {
        this.exclude = Objects.requireNonNull(relativePathFilter);
        return this;
    }

    /**
     * An {@link #exclude} filter that leaves out a WIM being written inside the tree at
     * {@code root}: {@code wim} itself and its writer's temporary files beside it (wimlib leaves
     * its own output out too); it excludes nothing when the WIM lies outside the tree.
     */
    public static Predicate<Path> outputOf(Path root, Path wim) throws IOException {
        if (wim.getFileSystem() != root.getFileSystem()) {
            return p -> false; // on a share it is not in the tree (and asking would wait for the logon)
        }
        Path realRoot = root.toRealPath();
        Path wimDir = wim.toAbsolutePath().getParent();
        if (wimDir == null || !Files.isDirectory(wimDir) || !wimDir.toRealPath().startsWith(realRoot)) {
            return p -> false;
        }
        Path where = realRoot.relativize(wimDir.toRealPath());
        String name = wim.getFileName().toString();
        return p -> {
            Path parent = p.getParent() == null ? p.getFileSystem().getPath("") : p.getParent();
            String n = p.getFileName().toString();
            return parent.equals(where) && (n.equals(name) || WimWriter.isTemporaryName(n, name));
        };
    }

    /**
     * wimlib's {@code --config} rules for a directory: globs matched with case against the path
     * from the root ({@code /sub/file}); an excluded directory is left out with its contents,
     * unless an absolute exception names something below it, which is then captured with the
     * directories leading to it. Nothing is excluded by default.
     */
    public DirectorySource config(CaptureConfig value) {
        this.config = Objects.requireNonNull(value).caseSensitive();
        return this;
    }

    /**
     * Follow symbolic links (wimlib's {@code --dereference}): a link is captured as what it
     * points to; a link back to a directory being captured is skipped with a warning.
     */
    public DirectorySource dereference(boolean value) {
        this.dereference = value;
        this.linkOptions = value ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        return this;
    }

    /**
     * Store each entry's owner, group, mode and device number ({@link UnixData}) and capture
     * FIFOs, sockets and device nodes as entries without data (wimlib's {@code --unix-data});
     * without it they are skipped with a warning.
     */
    public DirectorySource unixData(boolean value) {
        this.unixData = value;
        return this;
    }

    /** Receives one line per skipped or unreadable entry. */
    public DirectorySource warnings(Consumer<Warning> listener) {
        this.warnings = Objects.requireNonNull(listener);
        return this;
    }

    /**
     * Receives {@link ProgressEvent.Scan} events (one per directory scanned) and is polled for
     * cancellation once per directory.
     */
    public DirectorySource progress(ProgressListener listener) {
        this.progress = Objects.requireNonNull(listener);
        return this;
    }

    /**
     * Scans the tree. Only metadata is read here.
     *
     * @throws CaptureException if the root is not a readable directory
     */
    public ImageTree scan() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new CaptureException(root + ": not a directory");
        }
        BasicFileAttributes rootAttrs = Files.readAttributes(root, BasicFileAttributes.class);
        Inode rootInode = new Inode(Inode.ATTR_DIRECTORY);
        setTimes(rootInode, rootAttrs);
        if (unixData) {
            unixData(root, new LinkOption[0]).setOn(rootInode);
        }
        Dentry rootDentry = new Dentry("", rootInode);
        Map<Object, Inode> linked = new HashMap<>();
        long[] order = {0};
        Deque<Dentry> dirs = new ArrayDeque<>();
        Deque<Path> dirPaths = new ArrayDeque<>();
        Deque<Walk> walks = new ArrayDeque<>();
        dirs.push(rootDentry);
        dirPaths.push(root);
        walks.push(new Walk(false, false, dereference ? new Ancestors(rootAttrs.fileKey(), null) : null));
        while (!dirs.isEmpty()) {
            Dentry dir = dirs.pop();
            Path dirPath = dirPaths.pop();
            Walk walk = walks.pop();
            if (progress.cancelled()) {
                throw new CancelledException("scan of " + root + " cancelled");
            }
            List<Path> entries = list(dirPath);
            // push in reverse so that the first subdirectory is scanned next (depth first, in order)
            List<Dentry> subdirs = new ArrayList<>();
            List<Path> subdirPaths = new ArrayList<>();
            List<Walk> subWalks = new ArrayList<>();
            for (Path p : entries) {
                Path rel = root.relativize(p);
                if (exclude.test(rel)) {
                    continue;
                }
                String configPath = "/" + rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
                boolean excepted = walk.excepted() || config.matchesException(configPath);
                boolean excluded = !excepted && (walk.excluded() || config.matchesExclusion(configPath));
                if (excluded && !(Files.isDirectory(p, linkOptions) && config.mayExceptBelow(configPath))) {
                    continue;
                }
                Walk sub = new Walk(excluded, excepted, walk.ancestors());
                if (dereference && Files.isDirectory(p)) {
                    Object key;
                    try {
                        key = Files.readAttributes(p, BasicFileAttributes.class).fileKey();
                    } catch (IOException e) {
                        warnings.accept(new Warning(p.toString(), Warning.Kind.SKIPPED, "cannot read, skipped: " + why(e)));
                        continue;
                    }
                    if (key != null && walk.ancestors().contains(key)) {
                        warnings.accept(new Warning(p.toString(), Warning.Kind.SKIPPED,
                                "symbolic link loop (leads back to a directory being captured), skipped"));
                        continue;
                    }
                    sub = new Walk(excluded, excepted, new Ancestors(key, walk.ancestors()));
                }
                Dentry d = scanEntry(p, linked, order);
                if (d != null && unixData) {
                    try {
                        unixData(p, linkOptions).setOn(d.inode());
                    } catch (IOException | RuntimeException e) {
                        warnings.accept(new Warning(p.toString(), Warning.Kind.SKIPPED,
                                "cannot read owner and mode, skipped: " + why(e)));
                        continue;
                    }
                }
                if (d == null) {
                    continue;
                }
                dir.add(d);
                scannedFiles++;
                StreamRef data = d.inode().unnamedData();
                if (data != null && data.source() instanceof HostFileSource) {
                    scannedBytes += data.size();
                }
                if (d.inode().hasChildren()) {
                    subdirs.add(d);
                    subdirPaths.add(p);
                    subWalks.add(sub);
                }
            }
            for (int i = subdirs.size() - 1; i >= 0; i--) {
                dirs.push(subdirs.get(i));
                dirPaths.push(subdirPaths.get(i));
                walks.push(subWalks.get(i));
            }
            progress.onEvent(new ProgressEvent.Scan(scannedFiles, scannedBytes, dirPath.toString()));
        }
        return new ImageTree(rootDentry, new SecurityDescriptors());
    }

    /** The reason in words, without the exception's class name. */
    private static String why(Exception e) {
        if (e instanceof IOException io) {
            return FileErrors.reason(io);
        }
        return e.getMessage() == null ? "unexpected " + e.getClass().getSimpleName() : e.getMessage();
    }

    private List<Path> list(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                out.add(p);
            }
        } catch (IOException | RuntimeException e) {
            warnings.accept(new Warning(dir.toString(), Warning.Kind.SKIPPED, "cannot list directory: " + why(e)));
        }
        Collections.sort(out);
        return out;
    }

    /** One entry as a dentry, or null if skipped. */
    private Dentry scanEntry(Path p, Map<Object, Inode> linked, long[] order) {
        String name = p.getFileName().toString();
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, linkOptions);
            if (a.isSymbolicLink()) {
                String target = Files.readSymbolicLink(p).toString();
                byte[] data = ReparseBuffers.symlinkFromUnix(target);
                if (data.length + 8 > ReparseBuffers.MAX_REPARSE_BUFFER) {
                    warnings.accept(new Warning(p.toString(), Warning.Kind.UNSUPPORTED,
                            "symbolic link target too long, skipped"));
                    return null;
                }
                // like wimlib: a link to a directory is a directory symlink (Windows needs the
                // attribute); only the target's type is looked at, it is never descended into
                boolean toDirectory = Files.isDirectory(p);
                Inode inode = new Inode(Inode.ATTR_REPARSE_POINT | (toDirectory ? Inode.ATTR_DIRECTORY : 0))
                        .reparse(Inode.TAG_SYMLINK, 0, Inode.RP_FLAG_NOT_FIXED);
                setTimes(inode, a);
                inode.addStream(StreamRef.fromSource(StreamKind.REPARSE, "", new MemorySource(data)));
                if (!toDirectory) {
                    inode.addStream(StreamRef.empty(StreamKind.DATA, "")); // directories have none
                }
                return new Dentry(name, inode);
            }
            if (a.isDirectory()) {
                Inode inode = new Inode(Inode.ATTR_DIRECTORY);
                setTimes(inode, a);
                return new Dentry(name, inode);
            }
            if (!a.isRegularFile() && unixData) {
                // wimlib: no attributes and no data; the UNIX data says what it is
                Inode inode = new Inode(0);
                setTimes(inode, a);
                inode.addStream(StreamRef.empty(StreamKind.DATA, ""));
                return new Dentry(name, inode);
            }
            if (!a.isRegularFile()) {
                warnings.accept(new Warning(p.toString(), Warning.Kind.UNSUPPORTED,
                        "not a regular file, directory or symbolic link, skipped"));
                return null;
            }
            Object key = a.fileKey();
            // followed links reach one file by several names, as hard links do (wimlib: one inode)
            if (key != null && (dereference || linkCount(p) > 1)) {
                Inode existing = linked.get(key);
                if (existing != null) {
                    return new Dentry(name, existing);
                }
            } else {
                key = null;
            }
            long size = a.size();
            Inode inode = new Inode(isSparse(p, size) ? Inode.ATTR_SPARSE_FILE : Inode.ATTR_NORMAL);
            setTimes(inode, a);
            inode.addStream(size == 0 ? StreamRef.empty(StreamKind.DATA, "")
                    : StreamRef.fromSource(StreamKind.DATA, "",
                            new HostFileSource(dereference ? p.toRealPath() : p, size, order[0]++)));
            if (key != null) {
                linked.put(key, inode);
            }
            if (unixView) {
                // --update-of: a later capture compares inode number and ctime, not only times
                Map<String, Object> u = Files.readAttributes(p, "unix:ino,ctime", LinkOption.NOFOLLOW_LINKS);
                if (u.get("ino") instanceof Long ino && u.get("ctime") instanceof FileTime ctime) {
                    FileIdentity.posix(ino, inode.lastWriteTime(), FileTimes.toFiletime(ctime)).storeIn(inode);
                }
            }
            return new Dentry(name, inode);
        } catch (IOException | RuntimeException e) {
            warnings.accept(new Warning(p.toString(), Warning.Kind.SKIPPED, "cannot read, skipped: " + why(e)));
            return null;
        }
    }

    private static UnixData unixData(Path p, LinkOption[] options) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:uid,gid,mode,rdev", options);
        return new UnixData(Integer.toUnsignedLong((Integer) a.get("uid")), Integer.toUnsignedLong((Integer) a.get("gid")),
                Integer.toUnsignedLong((Integer) a.get("mode")), ((Long) a.get("rdev")) & 0xFFFF_FFFFL);
    }

    /** wimlib's rule: fewer bytes allocated than the file's size (only known on Linux). */
    private static boolean isSparse(Path p, long size) {
        if (size == 0) {
            return false;
        }
        OptionalLong allocated = PosixStat.allocatedBytes(p, size);
        return allocated.isPresent() && allocated.getAsLong() < size;
    }

    private int linkCount(Path p) throws IOException {
        if (!unixView) {
            return 2; // no link count available: let the file key alone decide
        }
        Object n = Files.getAttribute(p, "unix:nlink", linkOptions);
        return n instanceof Integer i ? i : 1;
    }

    /**
     * What a directory passes to its entries: it is excluded (kept only for exceptions below
     * it), it or a parent matched an exception, and (with dereference) the file keys of the
     * directories from the root down to it.
     */
    private record Walk(boolean excluded, boolean excepted, Ancestors ancestors) {
    }

    private record Ancestors(Object key, Ancestors parent) {
        boolean contains(Object k) {
            for (Ancestors a = this; a != null; a = a.parent) {
                if (k.equals(a.key)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static void setTimes(Inode inode, BasicFileAttributes a) {
        FileTime m = a.lastModifiedTime();
        long write = FileTimes.toFiletime(m);
        inode.times(write, FileTimes.toFiletime(a.lastAccessTime()), write);
    }
}
