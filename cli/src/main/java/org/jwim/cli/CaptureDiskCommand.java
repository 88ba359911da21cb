package org.jwim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.jwim.capture.Capture;
import org.jwim.capture.CaptureException;
import org.jwim.capture.CaptureReport;
import org.jwim.capture.DiskCapture;
import org.jwim.capture.disk.Disk;
import org.jwim.capture.disk.MediaKind;
import org.jwim.capture.disk.Volume;
import org.jwim.capture.source.CaptureConfig;
import org.jwim.wim.CancelledException;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ImageInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jwim capture-disk [DISK WIM]}: one image per fixed NTFS/FAT32 volume, in partition
 * order. Without arguments it captures the sample disk shipped in {@code samples/}.
 */
@Command(name = "capture-disk",
        description = {"Capture every fixed NTFS and FAT32 volume of a disk (image file or device)"
                + " into one WIM, one image per volume in partition order.",
                "USB/removable disks and other file systems are skipped, each with its reason.",
                "Without DISK and WIM, captures the sample disk shipped with jwim to "
                        + CaptureDiskCommand.SAMPLE_OUTPUT + "."})
final class CaptureDiskCommand implements Callable<Integer> {
    @Mixin
    NetOptions net;

    static final String SAMPLE_OUTPUT = "jwim-sample-disk.wim";
    static final String SAMPLE_DISK = "sample-disk.img.xz";

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DISK", description = "Disk image or device.")
    Path disk;

    @Parameters(index = "1", arity = "0..1", paramLabel = "WIM", description = "WIM file to write (replaced).")
    Path wim;

    @Parameters(index = "2", arity = "0..1", paramLabel = "NAME", description = "Image name, as --name.")
    String positionalName;

    @Parameters(index = "3", arity = "0..1", paramLabel = "DESC", description = "Image description, as --description.")
    String positionalDescription;

    @Option(names = "--compress", paramLabel = "TYPE[:LEVEL]", defaultValue = "lzx",
            description = "none, xpress|fast, lzx|maximum (default), lz4, zstd (the last two: jwim-only).")
    String compress;

    @Option(names = "--chunk-size", paramLabel = "N", description = "Chunk size in bytes.")
    int chunkSize;

    @Option(names = "--threads", paramLabel = "N", description = "Compressor threads (default: cores).")
    int threads;

    @Option(names = "--volumes-at-once", paramLabel = "N",
            description = "Volumes read concurrently (1: one by one; default: several only when the threads"
                    + " outnumber the cores one volume keeps busy and the disk does not rotate).")
    int volumesAtOnce;

    @Option(names = "--name", paramLabel = "S", description = "Image name (\" (volume N)\" is added per volume).")
    String name = "";

    @Option(names = "--description", paramLabel = "S", description = "Image description (OSDImageDescription).")
    String description = "";

    @Option(names = "--creator", paramLabel = "S", description = "Image creator (OSDImageCreator).")
    String creator = "";

    @Option(names = "--image-version", paramLabel = "S", description = "Image version (OSDImageVersion), as capture's.")
    String version = "";

    @Option(names = "--config", paramLabel = "FILE", description = "wimscript.ini-style exclusion list.")
    Path config;

    @Option(names = "--wof", paramLabel = "MODE", defaultValue = "decode",
            description = "WOF-compressed NTFS files: decode (store the plain file, as DISM does; default)"
                    + " or keep (reparse point and compressed stream, as wimlib's NTFS-3G mode).")
    String wof;

    @Option(names = "--force", description = "Capture NTFS volumes marked dirty or hibernated.")
    boolean force;

    @Option(names = "--fat-timezone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Zone of FAT's local timestamps (default UTC).")
    String fatTimeZone;

    @Option(names = "--media", paramLabel = "KIND",
            description = "Treat the disk as fixed, removable or usb instead of detecting it.")
    String media;

    @Option(names = {"--check", "--include-integrity"}, description = "Write an integrity table.")
    boolean check;

    @Option(names = "--update-of", paramLabel = "WIM[:IMAGE]",
            description = "Incremental capture: each volume is compared with its image of the same volume serial"
                    + " number in WIM (or with IMAGE only); unchanged files take over its data unread.")
    String updateOf;

    @Mixin
    IncrementalOptions incremental;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = Cli.out(spec);
        PrintWriter err = Cli.err(spec);
        if ((disk == null) != (wim == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "give both DISK and WIM, or neither for the shipped sample disk");
        }
        if (positionalName != null || positionalDescription != null) {
            if (!name.isEmpty() || !description.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "give the image name and description either as NAME [DESC] or as --name/--description, not both");
            }
            name = positionalName;
            description = positionalDescription == null ? "" : positionalDescription;
        }
        Path sampleCopy = null;
        try {
            if (disk == null) {
                sampleCopy = unpackSample();
                disk = sampleCopy;
                wim = Path.of(SAMPLE_OUTPUT).toAbsolutePath();
                out.println("Capturing the sample disk shipped with jwim to " + wim);
            }
            return capture(out, err);
        } finally {
            if (sampleCopy != null) {
                Files.deleteIfExists(sampleCopy);
            }
        }
    }

    private int capture(PrintWriter out, PrintWriter err) throws IOException {
        CompressionType type = Cli.compression(spec, compress);
        Capture.checkTarget(wim); // before the disk is even opened
        Errors.notADirectory(disk, "a disk or disk image");
        Disk.Options opts = Disk.Options.defaults().warnings(w -> err.println("jwim: warning: " + w));
        if (media != null) {
            opts = opts.media(MediaKind.valueOf(media.toUpperCase(java.util.Locale.ROOT)));
        }
        ProgressPrinter progress = new ProgressPrinter(err);
        boolean existed = Files.exists(wim);
        try (Interruption signals = Interruption.watch(progress); Disk d = Disk.open(disk, opts)) {
            printTable(d, out);
            out.flush();
            DiskCapture job = Capture.disk(d).to(wim).integrity(check)
                    .compression(type).compressionLevel(Cli.compressionLevel(spec, compress))
                    .imageInfo(new ImageInfo(name, description, creator, version))
                    .config(config == null ? CaptureConfig.defaults() : CaptureConfig.read(config))
                    .force(force).keepWof(keepWof()).fatTimeZone(ZoneId.of(fatTimeZone))
                    .warnings(w -> err.println("jwim: warning: " + w))
                    .progress(signals);
            if (chunkSize != 0) {
                job.chunkSize(chunkSize);
            }
            if (threads != 0) {
                job.threads(threads);
            }
            job.volumesAtOnce(volumesAtOnce);
            if (updateOf != null) {
                // WIM alone when it names a file, else WIM:IMAGE split at the last colon
                int colon = updateOf.lastIndexOf(':');
                boolean whole = colon <= 0 || Files.exists(Path.of(updateOf));
                job.updateOf(Path.of(whole ? updateOf : updateOf.substring(0, colon)),
                        whole ? null : updateOf.substring(colon + 1));
            }
            incremental.applyTo(job, updateOf != null);
            CaptureReport r;
            try {
                r = job.run();
            } catch (CancelledException e) {
                if (!signals.requested()) {
                    throw e;
                }
                progress.finish();
                err.println(Cli.interruptedWrite(wim, existed));
                return Main.INTERRUPTED;
            }
            for (CaptureReport.VolumeResult v : r.volumes()) {
                if (v.image() > 0) {
                    out.printf("volume %d -> image %d \"%s\"%n", v.volume().index(), v.image(), v.imageName());
                }
            }
            for (var u : job.updateResults()) {
                out.printf("Update of an earlier image: %d files unchanged, %d bytes not read%n",
                        u.unchangedFiles(), u.reusedBytes());
            }
            out.printf("Wrote %s: %d image(s), %d volume(s) skipped, %d warning(s)%n", wim,
                    r.imageCount(), r.volumes().size() - r.imageCount(), r.warnings().size());
            return Main.exitCode(!r.warnings().isEmpty());
        } catch (IllegalArgumentException e) {
            throw new CaptureException(e.getMessage());
        }
    }

    static void printTable(Disk d, PrintWriter out) {
        out.printf("Disk %s: %d bytes, %s, %s partition table%n", d.path(), d.size(), d.media().label(),
                d.table().scheme());
        out.printf("%5s %12s %12s  %-12s %-9s %s%n", "index", "offset", "size", "file system", "media", "action");
        for (Volume v : d.volumes()) {
            out.printf("%5d %12d %12d  %-12s %-9s %s%n", v.index(), v.offset(), v.length(),
                    v.fileSystem().label(), v.media().label(),
                    v.captured() ? "capture" : "skip: " + v.skipReason());
        }
    }

    /** Unpacks samples/sample-disk.img.xz (Commons Compress) to a temporary file. */
    static Path unpackSample() throws IOException {
        String home = System.getenv("JWIM_HOME");
        Path xz = (home != null && !home.isEmpty() ? Path.of(home, "samples") : Path.of("samples"))
                .resolve(SAMPLE_DISK);
        if (!Files.isRegularFile(xz)) {
            throw new CaptureException("sample disk not found at " + xz.toAbsolutePath()
                    + " (run from the jwim directory or set JWIM_HOME)");
        }
        Path img = Files.createTempFile("jwim-sample-disk", ".img");
        try (InputStream in = new XZCompressorInputStream(Files.newInputStream(xz));
                OutputStream o = Files.newOutputStream(img)) {
            in.transferTo(o);
        }
        return img;
    }

    private boolean keepWof() throws CaptureException {
        if (!wof.equals("decode") && !wof.equals("keep")) {
            throw new CaptureException("--wof must be decode or keep, not " + wof);
        }
        return wof.equals("keep");
    }
}
