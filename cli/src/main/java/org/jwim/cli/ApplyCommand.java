package org.jwim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jwim.capture.apply.ApplyReport;
import org.jwim.capture.apply.DirectoryTarget;
import org.jwim.wim.ImageSummary;
import org.jwim.wim.WimFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jwim apply WIM [IMAGE|all] DIR|NTFS-VOLUME}. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Apply an image (index or name) to a directory, or to a raw NTFS volume (image file or"
                + " device: it is re-formatted keeping its geometry, serial, label and _SMSTaskSequence).",
                "'all' applies every image to DIR/<image name> (DIR/<index> if the name is unusable)."})
final class ApplyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RefOption refs;

    @Parameters(index = "0", paramLabel = "WIM")
    Path wim;

    @Parameters(index = "1..2", arity = "1..2", paramLabel = "[IMAGE|all] DIR", hideParamSyntax = true,
            description = "Image (index, name or all; optional if the WIM has one image) and target directory.")
    java.util.List<String> rest;

    @Option(names = "--skip-corrupt", description = "Skip (and list) files whose data is corrupt instead of failing.")
    boolean skipCorrupt;

    @Option(names = "--rpfix", negatable = true,
            description = "Re-root fixed-up absolute link targets under DIR (default: as the WIM header says).")
    Boolean rpfix;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads writing file data (default: number of processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--readonly", description = "Clear write permission of files marked read-only.")
    boolean readOnly;

    @Option(names = "--require-crash-safe", description = "Raw NTFS volume: refuse (changing nothing) when it lacks"
            + " the free space for a crash-safe apply, instead of applying in place after a warning.")
    boolean requireCrashSafe;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = Cli.out(spec);
        PrintWriter err = Cli.err(spec);
        String imageSpec = rest.size() == 2 ? rest.get(0) : null;
        Path dir = Path.of(rest.get(rest.size() - 1));
        long corrupt = 0;
        try (WimFile w = refs.open(wim)) {
            if ("all".equals(imageSpec)) {
                for (ImageSummary s : w.images()) {
                    String n = s.info().name();
                    Path sub = DirectoryTarget.isSafeName(n) ? dir.resolve(n) : dir.resolve(Integer.toString(s.index()));
                    corrupt += applyOne(w, s.index(), sub, out, err);
                }
            } else {
                int index = imageSpec == null ? Cli.onlyImage(w) : Cli.image(w, imageSpec);
                if (java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
                    try {
                        applyRawNtfs(w, index, dir, out, err);
                    } catch (org.jwim.capture.ApplyInterruptedException e) {
                        err.println("jwim: interrupted: " + dir + (e.unchanged() ? " left as before the apply"
                                : " holds a partial image " + index + ": re-run apply"));
                        return ApplyDiskCommand.INTERRUPTED;
                    }
                } else {
                    corrupt += applyOne(w, index, dir, out, err);
                }
            }
            for (String warning : w.warnings()) {
                err.println("jwim: warning: " + warning);
            }
        }
        if (corrupt > 0) {
            err.println("jwim: warning: " + corrupt + " file(s) skipped because their data is corrupt");
        }
        return 0;
    }

    /** Applies to a raw NTFS volume (a file or device that is not a directory). */
    private void applyRawNtfs(WimFile w, int index, Path volume, PrintWriter out, PrintWriter err) throws IOException {
        ProgressPrinter progress = new ProgressPrinter(err);
        java.util.function.Consumer<String> warn = m -> {
            progress.finish();
            err.println("jwim: warning: " + m);
        };
        ApplyReport r;
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(volume,
                java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE);
                Interruption signals = Interruption.watch(progress)) {
            long size = org.jwim.capture.platform.BlockDevices.isDevice(volume)
                    ? org.jwim.capture.platform.BlockDevices.geometry(volume).size() : ch.size();
            org.jwim.capture.apply.NtfsVolumeTarget t = org.jwim.capture.apply.NtfsVolumeTarget.open(ch, 0, size,
                    org.jwim.capture.apply.Protection.defaults(), warn);
            try {
                r = t.readOrder(w.readOrder()).threads(Math.max(1, threads)).progress(signals).warnings(warn)
                        .requireCrashSafe(requireCrashSafe).apply(w.readImage(index), w::openBlob);
            } finally {
                progress.finish();
            }
        }
        out.printf("Applied image %d to NTFS volume %s: %d directories, %d files, %d hard links, %d reparse points,"
                + " %d bytes%n", index, volume, r.directories(), r.files(), r.hardLinks(), r.symlinks(), r.bytes());
    }

    private long applyOne(WimFile w, int index, Path dir, PrintWriter out, PrintWriter err) throws IOException {
        ProgressPrinter progress = new ProgressPrinter(err);
        DirectoryTarget target = DirectoryTarget.of(dir).progress(progress).threads(Math.max(1, threads)).skipCorrupt(skipCorrupt).readOnly(readOnly)
                .rpfix(rpfix != null ? rpfix : w.rpFix())
                .warnings(m -> {
                    progress.finish();
                    err.println("jwim: warning: " + m);
                }).readOrder(w.readOrder());
        ApplyReport r;
        try {
            r = target.apply(w.readImage(index), w::openBlob);
        } finally {
            progress.finish();
        }
        out.printf("Applied image %d to %s: %d directories, %d files, %d hard links, %d symbolic links,"
                + " %d bytes%n", index, dir, r.directories(), r.files(), r.hardLinks(), r.symlinks(), r.bytes());
        return r.corrupt().size();
    }
}
