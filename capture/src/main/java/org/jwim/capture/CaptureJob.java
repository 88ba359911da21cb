package org.jwim.capture;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jwim.capture.source.CaptureConfig;
import org.jwim.capture.source.VolumeSources;
import org.jwim.capture.update.UnchangedFiles;
import org.jwim.common.Warning;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.ProgressListener;
import org.jwim.wim.WimFile;
import org.jwim.wim.WimWriter;
import org.jwim.wim.WriteOptions;

/**
 * The options every capture shares: the WIM written ({@link #to}, replaced atomically when the
 * whole WIM is written) or appended to ({@link #appendTo}), how it is written, what the images
 * are called and how the sources are read. Configure, then {@code run()}; not thread-safe.
 *
 * @param <J> the concrete capture, returned by every option method
 */
public abstract sealed class CaptureJob<J extends CaptureJob<J>> permits DiskCapture, ImageCapture {
    private Path target;
    private boolean append;
    private WriteOptions write = WriteOptions.defaults();
    private ImageInfo info;
    private VolumeSources.Options sources = VolumeSources.Options.defaults();
    private boolean boot;
    /** Null: none in a new WIM; an appended one keeps what it has, as wimlib's append does. */
    private boolean dereference;
    private boolean noAcls;
    private boolean unixData;
    private UpdateOf updateOf;
    private final List<Path> deltaBases = new ArrayList<>();

    CaptureJob() {
    }

    abstract J self();

    /** Write a new WIM at {@code wim} (replacing what is there once the WIM is complete). */
    public J to(Path wim) {
        this.target = Objects.requireNonNull(wim);
        this.append = false;
        return self();
    }

    /** Add the image(s) to the existing WIM at {@code wim}, with its compression unless one is given. */
    public J appendTo(Path wim) {
        this.target = Objects.requireNonNull(wim);
        this.append = true;
        return self();
    }

    /** Compression (default LZX for a new WIM, the WIM's own when appending). */
    public J compression(CompressionType value) {
        write = write.compression(value);
        return self();
    }

    /** wimlib's compression level: 20 quick, 50 medium (default), 100 high; see {@link WriteOptions#compressionLevel(int)}. */
    public J compressionLevel(int value) {
        write = write.compressionLevel(value);
        return self();
    }

    /** Chunk size in bytes (a power of two); 0 selects the compression's default. */
    public J chunkSize(int value) {
        write = write.chunkSize(value);
        return self();
    }

    /** Compressor threads (default: number of processors). */
    public J threads(int value) {
        write = write.threads(value);
        return self();
    }

    /**
     * Write an integrity table, or none. Unset, a new WIM gets none and an appended one keeps its
     * own (wimlib's {@code --check}, {@code --nocheck} and neither).
     */
    public J integrity(boolean value) {
        write = write.integrity(value);
        return self();
    }

    /** Mark the (first) new image bootable; else an appended WIM keeps its boot image. */
    public J boot(boolean value) {
        this.boot = value;
        return self();
    }

    /**
     * Name, description, creator and version of the image(s) (ConfigMgr's OSDImageDescription,
     * OSDImageCreator, OSDImageVersion). An empty name gives each source's default name.
     */
    public J imageInfo(ImageInfo value) {
        this.info = Objects.requireNonNull(value);
        return self();
    }

    public J progress(ProgressListener value) {
        write = write.progress(value);
        return self();
    }

    /** wimscript.ini-style exclusions for NTFS volumes (default: DISM's list). */
    public J config(CaptureConfig value) {
        sources = sources.config(value);
        return self();
    }

    /** Capture an NTFS volume marked dirty or hibernated. */
    public J force(boolean value) {
        sources = sources.force(value);
        return self();
    }

    /**
     * Keep WOF-compressed NTFS files raw (reparse point and compressed stream, as wimlib's
     * NTFS-3G mode) instead of the decoded plain file (default, as DISM).
     */
    public J keepWof(boolean value) {
        sources = sources.keepWof(value);
        return self();
    }

    /** Zone of a FAT volume's local timestamps (default UTC). */
    public J fatTimeZone(ZoneId value) {
        sources = sources.fatTimeZone(value);
        return self();
    }

    /** Directory capture: follow symbolic links and capture what they point to (wimlib's --dereference). */
    public J dereference(boolean value) {
        this.dereference = value;
        return self();
    }

    /** Leave security descriptors out of the image (wimlib's --no-acls). */
    public J noAcls(boolean value) {
        this.noAcls = value;
        return self();
    }

    /**
     * Directory capture: store UNIX owner, group, mode and device numbers, and FIFOs, sockets
     * and device nodes (wimlib's --unix-data).
     */
    public J unixData(boolean value) {
        this.unixData = value;
        return self();
    }

    /** Receives each problem worked around while reading the sources. */
    public J warnings(Consumer<Warning> value) {
        sources = sources.warnings(value);
        return self();
    }

    /** Exclusions, dirty-volume policy, FAT time zone and warnings at once. */
    public J sources(VolumeSources.Options value) {
        this.sources = Objects.requireNonNull(value);
        return self();
    }

    /**
     * Incremental capture (wimlib's {@code --update-of}): files unchanged since image
     * {@code image} of {@code wim} take over its blobs, their data neither read nor hashed (see
     * {@link UnchangedFiles} for what "unchanged" means). {@code wim}
     * null: the WIM appended to. {@code image}: 1-based index, negative from the last, or name;
     * for disk captures null means each volume's latest image of the same serial number.
     */
    public J updateOf(Path wim, String image) {
        this.updateOf = new UpdateOf(wim, image, updateOf != null && updateOf.verify());
        return self();
    }

    /**
     * With {@link #updateOf}: read and hash the files taken as unchanged anyway, warn about each
     * that differs and capture it as it is now.
     */
    public J verifyUnchanged(boolean value) {
        if (updateOf != null) {
            updateOf = new UpdateOf(updateOf.wim(), updateOf.image(), value);
        } else if (value) {
            updateOf = new UpdateOf(null, null, true);
        }
        return self();
    }

    /**
     * Write a delta WIM (wimlib's {@code --delta-from}): blobs {@code base} holds are not stored,
     * so the WIM is read with {@code base} as a reference ({@code --ref}). Repeatable.
     */
    public J deltaFrom(Path base) {
        deltaBases.add(Objects.requireNonNull(base));
        return self();
    }

    /** After {@link #run()} with {@link #updateOf}: what was taken over, one result per image. */
    public List<UnchangedFiles.Result> updateResults() {
        return updateOf == null ? List.of() : List.copyOf(updateOf.results());
    }

    /**
     * Captures and writes the WIM.
     *
     * @throws CaptureException when a source cannot be read or the WIM cannot be written
     */
    public abstract CaptureReport run() throws IOException;

    /**
     * The destination, checked before any work; one on another file system (a share) when the
     * writer opens it instead, so that the logon started ahead (NetPaths.connectAhead) runs
     * beside the scan.
     */
    Path target() throws IOException {
        if (target == null) {
            throw new IllegalStateException("no destination WIM: call to(path) or appendTo(path) first");
        }
        if (target.getFileSystem() == FileSystems.getDefault()) {
            Capture.checkTarget(target);
        }
        return target;
    }

    boolean append() {
        return append;
    }

    /** The --update-of settings, or null for a full capture. */
    UpdateOf updateOf() {
        return updateOf != null && (updateOf.wim() != null || updateOf.image() != null) ? updateOf : null;
    }

    /** The image information given, or null. */
    ImageInfo info() {
        return info;
    }

    VolumeSources.Options sources() {
        return sources;
    }

    boolean dereference() {
        return dereference;
    }

    boolean unixData() {
        return unixData;
    }

    boolean noAcls() {
        return noAcls;
    }

    int threads() {
        return write.threads();
    }

    ProgressListener progressListener() {
        return write.progress();
    }

    /** Where the new images go: the index of the first, and how the WIM is written. */
    record Start(int first, WriteOptions options) {
    }

    /**
     * The index the first new image gets, after checking that no image of the WIM appended to
     * is named like one of {@code names}, and the options to write with: an appended WIM keeps
     * its boot image unless told otherwise, as wimlib's append does (and its integrity table:
     * {@link WimWriter#append} keeps it when {@link #integrity} was not set).
     */
    Start start(String... names) throws IOException {
        Path t = target();
        if (!append) {
            return new Start(1, write.bootIndex(boot ? 1 : 0));
        }
        try (WimFile existing = WimFile.open(t)) {
            for (var s : existing.images()) {
                for (String n : names) {
                    if (!n.isEmpty() && s.info().name().equals(n)) {
                        throw new CaptureException("there is already an image named \"" + n + "\" in " + t);
                    }
                }
            }
            int first = existing.imageCount() + 1;
            return new Start(first, write.bootIndex(boot ? first : existing.bootIndex()));
        }
    }

    /** The writer of a new WIM, or of the existing one to append to, as {@link #start} found. */
    WimWriter open(Start start) throws IOException {
        WriteOptions options = start.options();
        if (target().getFileSystem() != FileSystems.getDefault()) {
            Capture.checkTarget(target);
        }
        WimWriter w = append ? WimWriter.append(target(), options) : WimWriter.create(target(), options);
        try {
            for (Path base : deltaBases) {
                try (WimFile b = WimFile.open(base)) {
                    w.deltaFrom(b);
                }
            }
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
        return w;
    }
}
