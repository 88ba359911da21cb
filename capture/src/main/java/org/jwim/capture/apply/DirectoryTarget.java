package org.jwim.capture.apply;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Collections;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.jwim.capture.CaptureException;
import org.jwim.capture.internal.FileTimes;
import org.jwim.capture.internal.ReparseBuffers;
import org.jwim.capture.platform.PosixFiles;
import org.jwim.common.Warning;
import org.jwim.wim.CancelledException;
import org.jwim.wim.ProgressEvent;
import org.jwim.wim.ProgressListener;
import org.jwim.wim.WimFormatException;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.StreamKind;
import org.jwim.wim.model.StreamRef;

/**
 * Applies an image (or parts of it) to a host directory, in phases: directories, then regular
 * files and hard links, then symbolic links, then timestamps (files first, directories deepest
 * first) and optionally the read-only attribute.
 * <p>Safety: every name is checked again (no '/', '\', NUL, "." or ".."); files are created
 * with CREATE_NEW and NOFOLLOW_LINKS; an existing entry where a directory is to go is only
 * reused if it is a real directory; symbolic links are created after all other content so a
 * link made from the image is never followed while writing. Nothing is written outside the
 * target directory, nor on another file system mounted inside it (that subtree is skipped with
 * a warning).
 * <p>An existing file, link or other non-directory where the image has an entry is replaced
 * (deleted, never followed, then created anew), as wimlib does; with {@link #noClobber} it is
 * kept and reported instead. An existing directory where the image has a file is kept and
 * reported.
 * <p>Named data streams, security descriptors and short names have no counterpart here and are
 * reported in one warning each. Not thread-safe; one apply at a time.
 */
public final class DirectoryTarget implements ApplyTarget {
    private static final int COPY_BUFFER = 1 << 20;
    /** Extended attributes where the directory is on an ntfs-3g mount (else one warning counts them). */
    private static final Set<Feature> FEATURES = Set.of(Feature.HARD_LINKS, Feature.REPARSE_POINTS,
            Feature.EXTENDED_ATTRIBUTES);

    private final Path target;
    private final Protection wipe;
    private DirectoryWipe.Result planned;
    private boolean skipCorrupt;
    private boolean readOnly;
    private boolean rpfix;
    private boolean noClobber;
    private Consumer<Warning> listener = w -> { };
    private ToLongFunction<Sha1> readPosition;
    private ProgressListener progress = ProgressListener.NONE;
    private int threads = Runtime.getRuntime().availableProcessors();
    private int fixedWriters; // 0: DirectoryWriters chooses

    private DirectoryTarget(Path target, Protection wipe) {
        this.target = Objects.requireNonNull(target);
        this.wipe = wipe;
    }

    /** A target directory; created if missing. Existing entries the image also holds are replaced. */
    public static DirectoryTarget of(Path directory) {
        return new DirectoryTarget(directory, null);
    }

    /**
     * A mounted volume given as its directory: the apply first wipes everything in it but the
     * items {@code protection} keeps, and leaves out image root entries that would overwrite them.
     * The wipe is planned here (the directory is listed); nothing is deleted before the apply.
     */
    public static DirectoryTarget wiped(Path directory, Protection protection) throws IOException {
        DirectoryTarget t = new DirectoryTarget(directory, Objects.requireNonNull(protection));
        t.planned = DirectoryWipe.wipe(directory, protection, true);
        return t;
    }

    @Override
    public List<String> kept() {
        return planned == null ? List.of() : planned.kept();
    }

    @Override
    public List<String> removed() {
        return planned == null ? List.of() : planned.removed();
    }

    @Override
    public boolean keeps(Dentry d) {
        return wipe != null && wipe.matches(d);
    }

    @Override
    public Set<Feature> features() {
        return FEATURES;
    }

    @Override
    public SpaceEstimate estimate(ImageTree tree, BlobOpener blobs) throws IOException {
        return DirectorySpace.estimate(target, tree, this::keeps, removed());
    }

    @Override
    public ApplyReport apply(ImageTree tree, BlobOpener blobs, ApplyOptions options) throws IOException {
        skipCorrupt = options.skipCorrupt();
        readOnly = options.readOnly();
        rpfix = options.rpfix();
        listener = options.warnings();
        readPosition = options.readOrder();
        progress = options.progress();
        threads = options.threads();
        if (wipe != null) {
            planned = DirectoryWipe.wipe(target, wipe, false);
            for (String m : planned.mountPoints()) {
                listener.accept(new Warning(m, Warning.Kind.PROTECTED,
                        "another file system is mounted here; it was neither wiped nor written"));
            }
        }
        return apply(tree, blobs);
    }

    /** Nothing to release. */
    @Override
    public void close() {
    }

    /** Skip (and report) files whose blob is corrupt instead of failing the apply. Off by default. */
    public DirectoryTarget skipCorrupt(boolean value) {
        this.skipCorrupt = value;
        return this;
    }

    /** Clear the write permission of files with FILE_ATTRIBUTE_READONLY. Off by default. */
    public DirectoryTarget readOnly(boolean value) {
        this.readOnly = value;
        return this;
    }

    /**
     * Keep existing entries where the image has one of the same name, each reported in a
     * warning, instead of replacing them. Off by default.
     */
    public DirectoryTarget noClobber(boolean value) {
        this.noClobber = value;
        return this;
    }

    /**
     * Re-root absolute link targets the capture rewrote ("rpfix", dentry without NOT_FIXED)
     * under the target directory. Off by default: targets are applied as stored.
     */
    public DirectoryTarget rpfix(boolean value) {
        this.rpfix = value;
        return this;
    }

    /**
     * Where each blob lies in its container (for a WIM: the resource offset), so that file data
     * is read front to back; by default files are written in tree order.
     */
    public DirectoryTarget readOrder(ToLongFunction<Sha1> position) {
        this.readPosition = position;
        return this;
    }

    /**
     * Receives {@link ProgressEvent.ApplyProgress} events (about five per second, and one at
     * the end of the data phase) on the calling thread, which also polls it for cancellation;
     * a cancelled apply throws {@link CancelledException} and leaves the files completed so far.
     */
    public DirectoryTarget progress(ProgressListener listener) {
        this.progress = Objects.requireNonNull(listener);
        return this;
    }

    /**
     * Most threads that write file data (each reads and decompresses its own blobs); the number
     * of processors by default. Fewer write when other processes keep cores busy now and one on a
     * FUSE file system such as ntfs-3g, where more were measured slower. Directories, links and
     * metadata are handled by the calling thread.
     */
    public DirectoryTarget threads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + count);
        }
        this.threads = count;
        return this;
    }

    /** Exactly {@code count} writer threads whatever the load and file system (for tests). */
    DirectoryTarget fixedWriters(int count) {
        this.fixedWriters = count;
        return this;
    }

    /** Also receives each warning as it is raised (possibly from a data-writing thread). */
    public DirectoryTarget warnings(Consumer<Warning> value) {
        this.listener = Objects.requireNonNull(value);
        return this;
    }

    /** True if {@code name} is a single, non-special path component on every host. */
    public static boolean isSafeName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..")
                && name.indexOf('/') < 0 && name.indexOf('\\') < 0 && name.indexOf('\0') < 0;
    }

    /** Applies the whole image: the root's children go directly into the target directory. */
    public ApplyReport apply(ImageTree tree, BlobOpener blobs) throws IOException {
        return new Run(blobs).run(List.of(tree.root()), true);
    }

    /**
     * Applies the given dentries (files or whole subtrees) as children of the target directory,
     * each under its own name (for {@code jwim extract}); the root dentry means the whole image.
     */
    public ApplyReport extract(List<Dentry> dentries, BlobOpener blobs) throws IOException {
        List<Dentry> tops = new ArrayList<>(dentries);
        return new Run(blobs).run(tops, false);
    }

    private record Entry(Dentry dentry, Path path) {
    }

    private record Positioned(long position, Entry entry) {
    }

    /** A copy buffer: the decoder fills the heap array, the file is written from the direct one. */
    private static final class Buffer {
        final byte[] heap = new byte[COPY_BUFFER];
        final ByteBuffer direct = ByteBuffer.allocateDirect(COPY_BUFFER);
    }

    /** State of one apply. */
    private final class Run {
        private final BlobOpener blobs;
        private final List<Entry> directories = new ArrayList<>();
        private final List<Entry> files = new ArrayList<>();
        private final List<Entry> links = new ArrayList<>();
        // shared with the data-writing threads
        private final Map<Inode, Path> firstPath = Collections.synchronizedMap(new IdentityHashMap<>());
        private final Set<Inode> corruptInodes = Collections.synchronizedSet(
                Collections.newSetFromMap(new IdentityHashMap<>()));
        private final List<Warning> warnings = Collections.synchronizedList(new ArrayList<>());
        private final List<String> corrupt = Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong nFiles = new AtomicLong();
        private final AtomicLong nHardLinks = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();
        private final AtomicLong progressBytes = new AtomicLong();
        private ExistingEntries existing;
        private final NewFile.Preallocation preallocation = new NewFile.Preallocation();
        private volatile boolean stop;
        private volatile String current = "";
        // used by the calling thread only
        private long nDirs;
        private long nSymlinks;
        private long bytesTotal;
        private final FeatureTally tally = new FeatureTally("this target", FEATURES);

        Run(BlobOpener blobs) {
            this.blobs = Objects.requireNonNull(blobs);
        }

        ApplyReport run(List<Dentry> tops, boolean rootIsTarget) throws IOException {
            Files.createDirectories(target);
            if (!Files.isDirectory(target)) {
                throw new CaptureException(target + ": not a directory");
            }
            if (!Files.isWritable(target)) {
                throw new CaptureException(target + ": cannot write here ("
                        + (Files.getFileStore(target).isReadOnly() ? "read-only file system" : "permission denied")
                        + "); nothing was applied");
            }
            existing = new ExistingEntries(target, noClobber, this::warning);
            createStructure(tops, rootIsTarget);
            List<Entry> writeOrder = files;
            if (readPosition != null) {
                writeOrder = byPosition(files);
            }
            Set<Inode> counted = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Entry e : files) {
                StreamRef data = e.dentry.inode().unnamedData();
                if (data != null && counted.add(e.dentry.inode())) {
                    bytesTotal += data.size();
                }
            }
            // judged before the reads start: a server on this machine (loopback) serving them is
            // this apply's own work, not load from elsewhere
            int writers = fixedWriters > 0 ? fixedWriters : DirectoryWriters.choose(target, threads);
            blobs.plan(planOf(writeOrder));
            writeFiles(writeOrder, writers);
            for (Entry e : links) {
                createLink(e);
            }
            DirectoryEas eas = new DirectoryEas(); // xattrs change ctime only, not the times set below
            for (List<Entry> l : List.of(files, directories)) {
                l.forEach(e -> eas.apply(e.path, e.dentry.inode()));
            }
            if (eas.summary() != null) {
                warning(Warning.of(Warning.Kind.UNSUPPORTED, eas.summary()));
            }
            // regular files got their times before they were closed; hard links share them
            for (Entry e : links) {
                setTimes(e);
            }
            for (int i = directories.size() - 1; i >= 0; i--) {
                setTimes(directories.get(i));
            }
            if (readOnly) {
                applyReadOnly();
            }
            tally.report(this::warning);
            return new ApplyReport(nDirs, nFiles.get(), nHardLinks.get(), nSymlinks, bytes.get(),
                    corrupt, warnings);
        }

        /**
         * Phase 2: the first name of each inode is written by a pool of threads in read order
         * (as many as {@link DirectoryWriters} finds worth it);
         * the other names (hard links) follow on this thread. The first failure stops the rest.
         */
        private void writeFiles(List<Entry> order, int writers) throws IOException {
            List<Entry> primaries = new ArrayList<>();
            List<Entry> others = new ArrayList<>();
            Set<Inode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Entry e : order) {
                (seen.add(e.dentry.inode()) ? primaries : others).add(e);
            }
            checkCancelled();
            int n = Math.max(1, Math.min(writers, primaries.size()));
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(primaries.size());
            ThreadLocal<Buffer> buffers = ThreadLocal.withInitial(Buffer::new);
            AtomicLong threadIds = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
                Thread t = new Thread(r, "jwim-apply-" + threadIds.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            boolean userCancel = false;
            try {
                for (Entry e : primaries) {
                    pool.execute(() -> {
                        try {
                            if (!stop) {
                                current = e.dentry.path();
                                writeFile(e, buffers.get());
                            }
                        } catch (Throwable t) {
                            failure.compareAndSet(null, t);
                            stop = true;
                        } finally {
                            done.countDown();
                        }
                    });
                }
                while (!done.await(200, TimeUnit.MILLISECONDS)) {
                    report();
                    if (!stop && progress.cancelled()) {
                        userCancel = true;
                        stop = true;
                    }
                }
            } catch (InterruptedException x) {
                stop = true;
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("apply to " + target + " interrupted");
            } finally {
                pool.shutdown();
            }
            Throwable t = failure.get();
            if (t instanceof IOException io) {
                throw io;
            } else if (t instanceof RuntimeException re) {
                throw re;
            } else if (t instanceof Error err) {
                throw err;
            }
            if (userCancel) {
                throw new CancelledException("apply to " + target + " cancelled");
            }
            Buffer buffer = new Buffer();
            for (Entry e : others) {
                checkCancelled();
                writeFile(e, buffer);
            }
            report();
        }

        private void report() {
            progress.onEvent(new ProgressEvent.ApplyProgress(progressBytes.get(), bytesTotal, current));
        }

        private void checkCancelled() throws CancelledException {
            if (progress.cancelled()) {
                throw new CancelledException("apply to " + target + " cancelled");
            }
        }

        /**
         * {@code entries} in read order; each position is looked up once, not at each of the
         * sort's comparisons (a hash lookup each, for tens of thousands of files).
         */
        private List<Entry> byPosition(List<Entry> entries) {
            List<Positioned> keyed = new ArrayList<>(entries.size());
            for (Entry e : entries) {
                keyed.add(new Positioned(position(e), e));
            }
            keyed.sort(Comparator.comparingLong(Positioned::position));
            List<Entry> out = new ArrayList<>(entries.size());
            for (Positioned p : keyed) {
                out.add(p.entry);
            }
            return out;
        }

        /** The blobs of the files' data in the order they are written, each once. */
        private List<Sha1> planOf(List<Entry> writeOrder) {
            Set<Sha1> plan = new LinkedHashSet<>();
            for (Entry e : writeOrder) {
                StreamRef data = e.dentry.inode().unnamedData();
                if (data != null && data.hash() != null && !data.hash().isZero()) {
                    plan.add(data.hash());
                }
            }
            return new ArrayList<>(plan);
        }

        private long position(Entry e) {
            StreamRef data = e.dentry.inode().unnamedData();
            return data == null || data.hash() == null || data.hash().isZero()
                    ? Long.MIN_VALUE : readPosition.applyAsLong(data.hash());
        }

        /** Phase 1: validates names, creates directories, sorts the rest into files and links. */
        private void createStructure(List<Dentry> tops, boolean rootIsTarget) throws IOException {
            Deque<Entry> stack = new ArrayDeque<>();
            for (int i = tops.size() - 1; i >= 0; i--) {
                Dentry d = tops.get(i);
                if (d.parent() == null && rootIsTarget) {
                    stack.push(new Entry(d, target));
                } else if (d.parent() == null) {
                    // the whole image extracted: its children go into the target
                    directories.add(new Entry(d, target));
                    pushChildren(stack, d, target);
                } else {
                    Path p = childPath(target, d);
                    if (p != null) {
                        stack.push(new Entry(d, p));
                    }
                }
            }
            while (!stack.isEmpty()) {
                Entry e = stack.pop();
                Inode inode = e.dentry.inode();
                tally.inode(inode);
                if (inode.hasChildren()) {
                    if (!e.path.equals(target) && !makeDirectory(e)) {
                        continue;
                    }
                    directories.add(e);
                    pushChildren(stack, e.dentry, e.path);
                } else if (inode.isReparsePoint()) {
                    links.add(e);
                } else {
                    files.add(e);
                }
            }
        }

        private void pushChildren(Deque<Entry> stack, Dentry dir, Path dirPath) {
            List<Dentry> children = dir.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                if (dir.parent() == null && keeps(children.get(i))) {
                    warning(Protection.skipWarning(children.get(i)));
                    continue;
                }
                Path p = childPath(dirPath, children.get(i));
                if (p != null) {
                    stack.push(new Entry(children.get(i), p));
                }
            }
        }

        /** The host path of {@code d} under {@code dirPath}, or null (warned) if it has none. */
        private Path childPath(Path dirPath, Dentry d) {
            if (!isSafeName(d.name())) {
                warning(new Warning(d.path(), Warning.Kind.NAME_CLASH, "unsafe name, skipped"));
                return null;
            }
            Path p;
            try {
                p = dirPath.resolve(d.name());
            } catch (InvalidPathException x) {
                warning(new Warning(d.path(), Warning.Kind.NAME_CLASH,
                        "name not representable on this file system, skipped"));
                return null;
            }
            if (!dirPath.equals(p.getParent())) {
                warning(new Warning(d.path(), Warning.Kind.NAME_CLASH, "name does not resolve to a child, skipped"));
                return null;
            }
            return p;
        }

        private boolean makeDirectory(Entry e) throws IOException {
            try {
                Files.createDirectory(e.path);
            } catch (FileAlreadyExistsException x) {
                if (!Files.isDirectory(e.path, LinkOption.NOFOLLOW_LINKS)) {
                    if (!existing.replace(e.path, e.dentry.path(), "directory, subtree")) {
                        return false;
                    }
                    Files.createDirectory(e.path); // deleted just now; a failure here stops the apply
                } else if (existing.isForeignMount(e.path, e.dentry.path())) {
                    return false;
                }
            } catch (FileSystemException x) {
                warning(new Warning(e.dentry.path(), Warning.Kind.SKIPPED,
                        "cannot create directory (" + FileErrors.reason(x) + "), subtree skipped"));
                return false;
            }
            nDirs++;
            return true;
        }

        /** Phase 2: one regular file or hard link. */
        private void writeFile(Entry e, Buffer buffer) throws IOException {
            Inode inode = e.dentry.inode();
            if (corruptInodes.contains(inode)) {
                corrupt.add(e.dentry.path());
                return;
            }
            Path first = firstPath.get(inode);
            if (first != null) {
                try {
                    if (existing.create(e.path, e.dentry.path(), "hard link", () -> Files.createLink(e.path, first))) {
                        nHardLinks.incrementAndGet();
                    }
                } catch (FileSystemException x) {
                    warning(new Warning(e.dentry.path(), Warning.Kind.SKIPPED,
                            "cannot create hard link (" + FileErrors.reason(x) + "), skipped"));
                }
                return;
            }
            StreamRef data = inode.unnamedData();
            NewFile out = create(e, data == null ? 0 : data.size());
            if (out == null) {
                return;
            }
            try (out) {
                if (data != null && data.size() > 0) {
                    copy(data, out, e, buffer);
                }
                finish(out, inode);
            } catch (CancelledException x) {
                Files.deleteIfExists(e.path);
                throw x;
            } catch (WimFormatException x) {
                Files.deleteIfExists(e.path);
                if (!skipCorrupt) {
                    throw new CaptureException(e.dentry.path() + ": corrupt data: " + x.getMessage(), x);
                }
                corruptInodes.add(inode);
                corrupt.add(e.dentry.path());
                warning(new Warning(e.dentry.path(), Warning.Kind.DAMAGED, "corrupt data, skipped: " + x.getMessage()));
                return;
            }
            firstPath.put(inode, e.path);
            nFiles.incrementAndGet();
        }

        /**
         * The one place where a regular file gets its metadata, through the descriptor its data
         * was written by: anything else per file goes here, before the times, which close it.
         */
        private void finish(NewFile out, Inode inode) throws IOException {
            out.finish(FileTimes.toFileTime(inode.lastWriteTime()), FileTimes.toFileTime(inode.lastAccessTime()));
        }

        /** A new file at {@code e}'s path (replacing what is there), or null (warned) if none. */
        private NewFile create(Entry e, long size) throws IOException {
            NewFile[] out = new NewFile[1];
            boolean sparse = (e.dentry.inode().attributes() & Inode.ATTR_SPARSE_FILE) != 0;
            try {
                existing.create(e.path, e.dentry.path(), "file",
                        () -> out[0] = NewFile.create(e.path, size, sparse, preallocation));
            } catch (FileSystemException x) {
                // e.g. a name too long for this file system; a failing write below still aborts
                warning(new Warning(e.dentry.path(), Warning.Kind.SKIPPED,
                        "cannot create file (" + FileErrors.reason(x) + "), skipped"));
            }
            return out[0];
        }

        private void copy(StreamRef data, NewFile out, Entry e, Buffer buffer) throws IOException {
            long written = 0;
            try (InputStream in = blobs.open(data.hash())) {
                int n;
                while ((n = in.readNBytes(buffer.heap, 0, COPY_BUFFER)) > 0) {
                    if (written + n > data.size()) {
                        throw new WimFormatException(e.dentry.path() + ": blob " + data.hash()
                                + " is longer than the stream's " + data.size() + " bytes");
                    }
                    buffer.direct.clear();
                    buffer.direct.put(buffer.heap, 0, n);
                    out.write(buffer.direct, n);
                    written += n;
                    progressBytes.addAndGet(n);
                    if (stop) {
                        throw new CancelledException("apply to " + target + " stopped");
                    }
                }
            }
            if (written != data.size()) {
                throw new WimFormatException(e.dentry.path() + ": blob " + data.hash() + " gave "
                        + written + " bytes, expected " + data.size());
            }
            bytes.addAndGet(written);
        }

        /** Phase 3: a reparse point, as a symbolic link when it is a symlink or junction. */
        private void createLink(Entry e) throws IOException {
            Inode inode = e.dentry.inode();
            Optional<String> linkTarget = readLinkTarget(e);
            if (linkTarget.isEmpty()) {
                warning(new Warning(e.dentry.path(), Warning.Kind.UNSUPPORTED, String.format(
                        "reparse point (tag 0x%08X) not supported here, applied as %s",
                        inode.reparseTag(), inode.isDirectory() ? "a directory" : "a file")));
                if (inode.isDirectory()) {
                    makeDirectory(e);
                    directories.add(e);
                } else {
                    writeFile(e, new Buffer());
                }
                return;
            }
            String t = linkTarget.get();
            if (rpfix && t.startsWith("/") && (inode.reparseFlags() & Inode.RP_FLAG_NOT_FIXED) == 0) {
                t = target.toAbsolutePath() + t;
            }
            String linkTo = t;
            try {
                if (existing.create(e.path, e.dentry.path(), "symbolic link",
                        () -> Files.createSymbolicLink(e.path, e.path.getFileSystem().getPath(linkTo)))) {
                    nSymlinks++;
                }
            } catch (FileSystemException x) {
                warning(new Warning(e.dentry.path(), Warning.Kind.SKIPPED,
                        "cannot create symbolic link (" + FileErrors.reason(x) + ")"));
            } catch (UnsupportedOperationException | InvalidPathException x) {
                warning(new Warning(e.dentry.path(), Warning.Kind.SKIPPED,
                        "cannot create symbolic link to '" + t + "': " + x.getMessage()));
            }
        }

        private Optional<String> readLinkTarget(Entry e) throws IOException {
            Inode inode = e.dentry.inode();
            StreamRef rp = inode.stream(StreamKind.REPARSE, "");
            if (rp == null || rp.size() == 0
                    || rp.size() > ReparseBuffers.MAX_REPARSE_BUFFER - 8) {
                return Optional.empty();
            }
            byte[] data;
            try (InputStream in = blobs.open(rp.hash())) {
                data = in.readNBytes((int) rp.size() + 1);
            } catch (WimFormatException x) {
                if (!skipCorrupt) {
                    throw new CaptureException(e.dentry.path() + ": corrupt reparse data: " + x.getMessage(), x);
                }
                corrupt.add(e.dentry.path());
                warning(new Warning(e.dentry.path(), Warning.Kind.DAMAGED, "corrupt reparse data, skipped"));
                return Optional.empty();
            }
            if (data.length != rp.size()) {
                throw new CaptureException(e.dentry.path() + ": reparse blob has " + data.length
                        + " bytes, expected " + rp.size());
            }
            return ReparseBuffers.unixTarget(inode.reparseTag(), data);
        }

        /** Phase 4: last write and access times, never following a link. */
        private void setTimes(Entry e) {
            Inode inode = e.dentry.inode();
            if (existing.untouched(e.path)) {
                return; // left as it was
            }
            FileTime modified = FileTimes.toFileTime(inode.lastWriteTime());
            FileTime access = FileTimes.toFileTime(inode.lastAccessTime());
            try {
                if (PosixFiles.available()) {
                    PosixFiles.setTimes(e.path, access, modified); // false: skipped earlier
                } else if (Files.exists(e.path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.getFileAttributeView(e.path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                            .setTimes(modified, access, null);
                }
            } catch (IOException | RuntimeException x) {
                warning(new Warning(e.dentry.path(), Warning.Kind.SKIPPED, "cannot set times: "
                        + (x instanceof IOException io ? FileErrors.reason(io) : x.getMessage())));
            }
        }

        private void applyReadOnly() {
            for (Entry e : files) {
                if ((e.dentry.inode().attributes() & Inode.ATTR_READONLY) != 0 && !existing.untouched(e.path)
                        && Files.isRegularFile(e.path, LinkOption.NOFOLLOW_LINKS)
                        && !e.path.toFile().setWritable(false, false)) {
                    warning(new Warning(e.dentry.path(), Warning.Kind.SKIPPED, "cannot make read-only"));
                }
            }
        }

        private void warning(Warning w) {
            synchronized (warnings) { // one listener call at a time, in list order
                warnings.add(w);
                listener.accept(w);
            }
        }
    }
}
