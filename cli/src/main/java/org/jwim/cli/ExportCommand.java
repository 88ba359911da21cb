package org.jwim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jwim.capture.CaptureException;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.ImageSummary;
import org.jwim.wim.WimFile;
import org.jwim.wim.WimWriter;
import org.jwim.wim.WriteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jwim export SRC IMAGE|all DEST [NAME [DESC]]} (wimlib's syntax): copies images into
 * another WIM, new or existing. Blobs DEST has are not stored again; with equal compression and
 * chunk size the others are copied without recompressing.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Copy an image (or all) from one WIM into another, new or existing.")
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RefOption refs;

    @Parameters(index = "0", paramLabel = "SRC")
    Path src;

    @Parameters(index = "1", paramLabel = "IMAGE", description = "Index, name, or all.")
    String image;

    @Parameters(index = "2", paramLabel = "DEST")
    Path dest;

    @Parameters(index = "3", arity = "0..1", paramLabel = "NAME", description = "New name (one image only).")
    String name;

    @Parameters(index = "4", arity = "0..1", paramLabel = "DESC", description = "New description.")
    String description;

    @Option(names = "--compress", paramLabel = "TYPE",
            description = "Compression of a new DEST (default: SRC's; an existing DEST keeps its own).")
    String compress;

    @Option(names = "--chunk-size", paramLabel = "N", description = "Chunk size of a new DEST in bytes.")
    int chunkSize;

    @Option(names = "--boot", description = "Mark the exported image bootable (with all: SRC's boot image).")
    boolean boot;

    @Option(names = {"--check", "--include-integrity"}, description = "Write an integrity table.")
    boolean check;

    @Option(names = "--nocheck", description = "Write no integrity table (an existing DEST keeps its own"
            + " unless this is given).")
    boolean nocheck;

    @Option(names = "--split", paramLabel = "SIZE_MB",
            description = "Write a new DEST as a split WIM (DEST is part 1) with parts of at most SIZE_MB MiB.")
    Double splitMb;

    @Option(names = "--threads", paramLabel = "N", description = "Compressor threads (default: cores).")
    int threads;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = Cli.out(spec);
        try (WimFile w = refs.open(src)) {
            List<Integer> indexes = Cli.images(w, image);
            if (name != null && indexes.size() != 1) {
                throw new CaptureException("NAME and DESC can be given only when exporting one image");
            }
            boolean exists = Files.exists(dest);
            if (splitMb != null && exists) {
                throw new CaptureException("--split writes a new DEST; " + dest + " exists");
            }
            // a split export writes one WIM beside the parts, then splits it
            Path target = splitMb == null ? dest : SplitCommand.wholeBeside(dest);
            int before = 0;
            int keptBoot = 0;
            Boolean integrity = Cli.integrity(check, nocheck); // unset: an existing DEST keeps its own
            if (exists) {
                try (WimFile d = Cli.open(dest)) {
                    before = d.imageCount();
                    keptBoot = d.bootIndex();
                }
            }
            WriteOptions options = options(w, exists);
            if (integrity != null) {
                options = options.integrity(integrity);
            }
            int bootIndex = keptBoot;
            if (boot) {
                int pos = indexes.size() == 1 ? 0 : indexes.indexOf(w.bootIndex());
                if (pos < 0) {
                    throw new CaptureException("--boot: " + src + " has no boot image");
                }
                bootIndex = before + 1 + pos;
            }
            options = options.bootIndex(bootIndex);
            ProgressPrinter progress = new ProgressPrinter(Cli.err(spec));
            options = options.progress(progress);
            try (WimWriter writer = exists ? WimWriter.append(dest, options) : WimWriter.create(target, options)) {
                for (int index : indexes) {
                    ImageSummary s = w.images().get(index - 1);
                    ImageInfo info = s.info();
                    if (name != null) {
                        info = new ImageInfo(name, description != null ? description : info.description(),
                                info.creator(), info.version());
                    }
                    WimWriter.ExportCounts c = writer.exportImage(w, index, info);
                    progress.finish();
                    out.printf("Exported image %d (\"%s\") of %s as image %d of %s: %d blobs copied as stored,"
                            + " %d recompressed, %d already there%n", index, info.name(), src,
                            writer.imageCount(), dest, c.copiedAsStored(), c.recompressed(), c.alreadyThere());
                }
                writer.commit();
            } finally {
                progress.finish();
            }
            if (splitMb != null) {
                SplitCommand.splitWhole(target, dest, splitMb, spec);
            }
        }
        return 0;
    }

    /** A new DEST takes SRC's compression and chunk size unless told otherwise. */
    private WriteOptions options(WimFile w, boolean exists) throws CaptureException {
        WriteOptions options = WriteOptions.defaults();
        if (threads != 0) {
            options = options.threads(threads);
        }
        CompressionType type = null;
        if (compress != null) {
            type = Cli.compression(spec, compress);
            options = options.compressionLevel(Cli.compressionLevel(spec, compress));
        } else if (!exists) {
            type = w.compression();
        }
        if (type != null) {
            options = options.compression(type);
        }
        if (chunkSize != 0) {
            options = options.chunkSize(chunkSize);
        } else if (!exists && type == w.compression() && type != CompressionType.NONE) {
            options = options.chunkSize(w.chunkSize());
        }
        return options;
    }
}
