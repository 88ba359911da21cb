package org.jwim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jwim.capture.CaptureException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.function.Consumer;
import org.jwim.capture.platform.BlockDevices;
import org.jwim.capture.source.CaptureConfig;
import org.jwim.capture.source.DirectorySource;
import org.jwim.capture.source.VolumeSources;
import org.jwim.wim.CancelledException;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.UnsupportedWimException;
import org.jwim.wim.WimFile;
import org.jwim.wim.WimWriter;
import org.jwim.wim.WriteOptions;
import org.jwim.wim.compress.Codecs;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Shared by {@code capture} and {@code append}: scan a directory, write one image. */
abstract class ImageWriteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SOURCE",
            description = "Directory, or raw NTFS/FAT volume (image file or device) to capture.")
    Path source;

    @Parameters(index = "1", arity = "0..1", paramLabel = "WIM", description = "WIM file to write.")
    Path wim;

    @Parameters(index = "2", arity = "0..1", paramLabel = "NAME",
            description = "Image name (default: the directory's name).")
    String name;

    @Parameters(index = "3", arity = "0..1", paramLabel = "DESC", description = "Image description.")
    String description;

    @Option(names = "--compress", paramLabel = "TYPE",
            description = "none, xpress|fast, lzx|maximum, lzms|recovery, lz4, zstd (default lzx;"
                    + " append: the WIM's own).")
    String compress;

    @Option(names = "--chunk-size", paramLabel = "N", description = "Chunk size in bytes (power of two).")
    int chunkSize;

    @Option(names = "--check", description = "Write an integrity table.")
    boolean check;

    @Option(names = "--boot", description = "Mark the new image bootable.")
    boolean boot;

    @Option(names = "--creator", paramLabel = "S", description = "Image creator (XML CREATOR).")
    String creator;

    @Option(names = "--image-version", paramLabel = "S", description = "Image version (XML VERSION).")
    String imageVersion;

    @Option(names = "--threads", paramLabel = "N", description = "Compressor threads (default: cores).")
    int threads;

    @Option(names = "--config", paramLabel = "FILE",
            description = "wimscript.ini-style exclusions for a volume (default: DISM's list).")
    Path config;

    @Option(names = "--force", description = "Capture an NTFS volume marked dirty or hibernated.")
    boolean force;

    @Option(names = "--fat-timezone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Zone of a FAT volume's local timestamps (default UTC).")
    String fatTimeZone;

    /** Warnings raised by the last {@link #write}: entries skipped or not captured as stored. */
    long warningCount;

    abstract boolean append();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = Cli.out(spec);
        PrintWriter err = Cli.err(spec);
        if (source == null || wim == null) {
            if (source != null || append()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "missing parameters: DIR and WIM are required");
            }
            return SampleCapture.run(this, out, err);
        }
        if (write(source, wim, name, description, out, err) < 0) {
            return Main.INTERRUPTED;
        }
        return Main.exitCode(warningCount > 0);
    }

    /**
     * Captures {@code dir} as a new image of {@code target}; returns the new image's index, or
     * -1 when a signal stopped it (the line saying so is printed).
     */
    int write(Path dir, Path target, String imageName, String desc, PrintWriter out, PrintWriter err)
            throws IOException {
        if (!Files.exists(dir)) {
            throw new CaptureException(dir + ": no such directory, volume image or device");
        }
        Cli.checkOutput(target);
        String n = imageName != null ? imageName : defaultName(dir);
        int newIndex = 1;
        if (append()) {
            try (WimFile existing = WimFile.open(target)) {
                for (var s : existing.images()) {
                    if (!n.isEmpty() && s.info().name().equals(n)) {
                        throw new CaptureException("there is already an image named \"" + n
                                + "\" in " + target);
                    }
                }
                newIndex = existing.imageCount() + 1;
            }
        }
        WriteOptions options = WriteOptions.defaults().integrity(check);
        CompressionType type = compression(err);
        if (type != null) {
            options = options.compression(type);
        }
        if (chunkSize != 0) {
            options = options.chunkSize(chunkSize);
        }
        if (threads != 0) {
            options = options.threads(threads);
        }
        if (boot) {
            options = options.bootIndex(newIndex);
        }
        long[] warnings = {0};
        ProgressPrinter progress = new ProgressPrinter(err);
        Consumer<String> warn = w -> {
            progress.finish();
            warnings[0]++;
            err.println("jwim: warning: " + w);
        };
        boolean existed = Files.exists(target);
        // A raw volume's streams are read from its channel while the WIM is written.
        try (Interruption signals = Interruption.watch(progress);
                FileChannel volume = VolumeSources.isDirectory(dir) ? null
                        : FileChannel.open(dir, StandardOpenOption.READ)) {
            ImageTree tree;
            try {
                tree = volume == null ? DirectorySource.of(dir).exclude(DirectorySource.outputOf(dir, target))
                        .progress(signals).warnings(warn).scan() : scanVolume(volume, dir, warn);
                write(tree, n, target, desc, options.progress(signals), progress);
            } catch (CancelledException e) {
                if (!signals.requested()) {
                    throw e;
                }
                progress.finish();
                err.println(Cli.interruptedWrite(target, existed));
                return -1;
            }
            warningCount = warnings[0];
            long[] counts = count(tree);
            out.printf("%s image %d (\"%s\") from %s to %s: %d directories, %d files, %d bytes%s%n",
                    append() ? "Appended" : "Captured", newIndex, n, dir, target, counts[0], counts[1],
                    counts[2], warningCount == 0 ? "" : ", " + warningCount + " warning(s)");
            return newIndex;
        }
    }

    private void write(ImageTree tree, String n, Path target, String desc, WriteOptions options,
            ProgressPrinter progress) throws IOException {
        progress.finish();
        ImageInfo info = new ImageInfo(n, desc, creator, imageVersion);
        try (WimWriter writer = append() ? WimWriter.append(target, options)
                : WimWriter.create(target, options)) {
            writer.addImage(tree, info);
            writer.commit();
        } finally {
            progress.finish();
        }
    }

    /** Scans a raw NTFS or FAT volume (image file or device), opened read-only. */
    private ImageTree scanVolume(FileChannel ch, Path volume, Consumer<String> warn) throws IOException {
        try {
            long size = BlockDevices.isDevice(volume) ? BlockDevices.geometry(volume).size() : ch.size();
            VolumeSources.Options opts = VolumeSources.Options.defaults().force(force).warnings(warn)
                    .fatTimeZone(ZoneId.of(fatTimeZone))
                    .config(config == null ? CaptureConfig.defaults() : CaptureConfig.read(config));
            return VolumeSources.scanVolume(ch, 0, size, opts);
        } catch (java.time.DateTimeException e) {
            throw new CaptureException("--fat-timezone: " + e.getMessage());
        }
    }

    /** The chosen compression; null means the writer's default (LZX new, existing on append). */
    private CompressionType compression(PrintWriter err) throws CaptureException {
        if (compress != null) {
            try {
                return CompressionType.parse(compress);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        if (append()) {
            return null;
        }
        // wimlib's default is LZX; until jwim has an LZX compressor, use the best standard one it has
        for (CompressionType t : new CompressionType[] {CompressionType.LZX, CompressionType.XPRESS}) {
            try {
                Codecs.compressor(t, t.defaultChunkSize());
                if (t != CompressionType.LZX) {
                    err.println("jwim: note: LZX compression is not available in this build yet;"
                            + " writing " + t + " (use --compress to choose)");
                }
                return t;
            } catch (UnsupportedWimException e) {
                // try the next one
            }
        }
        err.println("jwim: note: no compressor is available in this build; writing an uncompressed WIM");
        return CompressionType.NONE;
    }

    static String defaultName(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path fn = abs.getFileName();
        return fn == null ? abs.toString() : fn.toString();
    }

    /** Directories (with the root), files (names of non-directories), bytes (unnamed data). */
    static long[] count(ImageTree tree) {
        long dirs = 1; // the root, as the XML counts it
        long files = 0;
        long bytes = 0;
        java.util.ArrayDeque<Dentry> stack = new java.util.ArrayDeque<>(tree.root().children());
        while (!stack.isEmpty()) {
            Dentry d = stack.pop();
            if (d.inode().isDirectory()) {
                dirs++;
            } else {
                files++;
            }
            bytes += d.inode().streamBytes();
            stack.addAll(d.children());
        }
        return new long[] {dirs, files, bytes};
    }
}
