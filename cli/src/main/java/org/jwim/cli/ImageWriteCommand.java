package org.jwim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.nio.file.LinkOption;
import java.time.ZoneId;
import org.jwim.capture.Capture;
import org.jwim.capture.CaptureException;
import org.jwim.capture.CaptureReport;
import org.jwim.capture.ImageCapture;
import org.jwim.capture.source.CaptureConfig;
import org.jwim.wim.CancelledException;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.UnsupportedWimException;
import org.jwim.wim.compress.Codecs;
import picocli.CommandLine.Mixin;
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

    @Option(names = "--compress", paramLabel = "TYPE[:LEVEL]",
            description = "none, xpress|fast, lzx|maximum, lz4, zstd (default lzx; append: the WIM's own;"
                    + " the last two: jwim-only). LZMS WIMs are read, not written. LEVEL (xpress, lzx):"
                    + " 20 quick, 50 default, 100 high.")
    String compress;

    @Option(names = "--chunk-size", paramLabel = "N", description = "Chunk size in bytes (power of two).")
    int chunkSize;

    @Option(names = {"--check", "--include-integrity"}, description = "Write an integrity table.")
    boolean check;

    @Option(names = "--nocheck", description = "Write no integrity table (append: drop the WIM's;"
            + " by default an appended WIM keeps what it has).")
    boolean nocheck;

    @Option(names = "--boot", description = "Mark the new image bootable.")
    boolean boot;

    @Option(names = "--creator", paramLabel = "S", description = "Image creator (XML CREATOR).")
    String creator;

    @Option(names = "--image-version", paramLabel = "S", description = "Image version (XML VERSION).")
    String imageVersion;

    @Option(names = "--threads", paramLabel = "N", description = "Compressor threads (default: cores).")
    int threads;

    @Option(names = "--config", paramLabel = "FILE",
            description = "wimscript.ini-style [ExclusionList]/[ExclusionException] globs (default: DISM's list;"
                    + " matched with case in a directory, as wimlib on UNIX).")
    Path config;

    @Option(names = "--dereference", description = "Directory: follow symbolic links, capture what they point to.")
    boolean dereference;

    @Option(names = "--no-acls", description = "Do not capture security descriptors.")
    boolean noAcls;

    @Option(names = "--unix-data", description = "Directory: store UNIX owners, groups, modes, FIFOs, sockets and"
            + " device nodes, as wimlib does (apply --unix-data restores them).")
    boolean unixData;

    @Option(names = "--wof", paramLabel = "MODE", defaultValue = "decode",
            description = "WOF-compressed NTFS files: decode (store the plain file, as DISM does; default)"
                    + " or keep (reparse point and compressed stream, as wimlib's NTFS-3G mode).")
    String wof;

    @Option(names = "--force", description = "Capture an NTFS volume marked dirty or hibernated.")
    boolean force;

    @Option(names = "--fat-timezone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Zone of a FAT volume's local timestamps (default UTC).")
    String fatTimeZone;

    @Option(names = "--split", paramLabel = "SIZE_MB",
            description = "Write a split WIM: WIM is part 1 (NAME.swm), parts of at most SIZE_MB MiB.")
    Double splitMb;

    @Option(names = "--update-of", paramLabel = "[WIM:]IMAGE",
            description = "Incremental capture: files unchanged since IMAGE (index, -1 = last, or name) of WIM"
                    + " (default: the WIM appended to) take over its data unread.")
    String updateOf;

    @Mixin
    IncrementalOptions incremental;

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
        ProgressPrinter progress = new ProgressPrinter(err);
        long[] warnings = {0};
        boolean directory = Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS);
        ImageCapture job = directory ? Capture.directory(dir) : Capture.volume(dir);
        if (!directory && (unixData || dereference)) {
            throw new CaptureException((unixData ? "--unix-data" : "--dereference") + " applies to a directory; "
                    + dir + " is a volume");
        }
        if (splitMb != null && append()) {
            throw new CaptureException("--split writes a new WIM; it cannot be used with append");
        }
        // a split capture writes one WIM beside the parts, then splits it
        Path whole = splitMb == null ? target : SplitCommand.wholeBeside(target);
        if (append()) {
            Errors.openWim(target).close(); // a bad WIM fails here, named
            job.appendTo(target);
        } else {
            job.to(whole);
        }
        CompressionType type = compression(err);
        if (type != null) {
            job.compression(type);
        }
        job.compressionLevel(Cli.compressionLevel(spec, compress));
        if (chunkSize != 0) {
            job.chunkSize(chunkSize);
        }
        if (threads != 0) {
            job.threads(threads);
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(fatTimeZone);
        } catch (java.time.DateTimeException e) {
            throw new CaptureException("--fat-timezone: " + e.getMessage());
        }
        job.dereference(dereference).noAcls(noAcls).unixData(unixData);
        Boolean integrity = Cli.integrity(check, nocheck);
        if (integrity != null) {
            job.integrity(integrity);
        }
        job.boot(boot).force(force).keepWof(keepWof()).fatTimeZone(zone)
                .imageInfo(new ImageInfo(imageName != null ? imageName : "", desc, creator, imageVersion))
                .config(config == null ? CaptureConfig.defaults() : CaptureConfig.read(config))
                .warnings(w -> {
                    progress.finish();
                    warnings[0]++;
                    err.println("jwim: warning: " + w);
                });
        if (updateOf != null) {
            int colon = updateOf.lastIndexOf(':');
            job.updateOf(colon > 0 ? Path.of(updateOf.substring(0, colon)) : null,
                    colon > 0 ? updateOf.substring(colon + 1) : updateOf);
        }
        incremental.applyTo(job, updateOf != null);
        CaptureReport r;
        // the watch spans the message: on a signal the JVM exits only once it is closed
        try (Interruption signals = Interruption.watch(progress)) {
            try {
                r = job.progress(signals).run();
            } catch (CancelledException e) {
                if (!signals.requested()) {
                    throw e;
                }
                progress.finish();
                // a cancelled write never replaces the target: it is there now if it was before
                // (asked only now: for a WIM on a share, before the scan it would wait for the logon)
                err.println(Cli.interruptedWrite(target, Files.exists(target)));
                return -1;
            }
        } finally {
            progress.finish();
        }
        if (splitMb != null) {
            SplitCommand.splitWhole(whole, target, splitMb, spec);
        }
        warningCount = warnings[0];
        CaptureReport.ImageResult image = r.images().get(0);
        out.printf("%s image %d (\"%s\") from %s to %s: %d directories, %d files, %d bytes%s%n",
                append() ? "Appended" : "Captured", image.index(), image.name(), dir, target, image.directories(),
                image.files(), image.bytes(), warnings[0] == 0 ? "" : ", " + warnings[0] + " warning(s)");
        for (var u : job.updateResults()) {
            out.printf("Update of an earlier image: %d files unchanged, %d bytes not read%s%n", u.unchangedFiles(),
                    u.reusedBytes(), incremental.verifyUnchanged ? " (verified; " + u.mismatches() + " differed)" : "");
        }
        return image.index();
    }

    /** The chosen compression; null means the writer's default (LZX new, existing on append). */
    private CompressionType compression(PrintWriter err) throws CaptureException {
        if (compress != null) {
            return Cli.compression(spec, compress);
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

    private boolean keepWof() throws CaptureException {
        if (!wof.equals("decode") && !wof.equals("keep")) {
            throw new CaptureException("--wof must be decode or keep, not " + wof);
        }
        return wof.equals("keep");
    }
}
