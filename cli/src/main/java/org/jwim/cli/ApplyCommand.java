package org.jwim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jwim.capture.Apply;
import org.jwim.capture.ApplyInterruptedException;
import org.jwim.capture.DiskApply;
import org.jwim.capture.DiskApplyReport;
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
                    corrupt += applyOne(w, s.index(), sub, false, out, err);
                }
            } else {
                int index = imageSpec == null ? Cli.onlyImage(w) : Cli.image(w, imageSpec);
                boolean raw = Files.exists(dir) && !Files.isDirectory(dir);
                try {
                    corrupt += applyOne(w, index, dir, raw, out, err);
                } catch (ApplyInterruptedException e) {
                    err.println("jwim: interrupted: " + dir + (e.unchanged() ? " left as before the apply"
                            : " holds a partial image " + index + ": re-run apply"));
                    return ApplyDiskCommand.INTERRUPTED;
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

    /** Applies to a directory, or to a raw volume (a file or device that is not a directory). */
    private long applyOne(WimFile w, int index, Path to, boolean raw, PrintWriter out, PrintWriter err)
            throws IOException {
        ProgressPrinter progress = new ProgressPrinter(err);
        DiskApply a = Apply.wim(w).image(index).threads(Math.max(1, threads)).progress(progress)
                .warnings(m -> {
                    progress.finish();
                    err.println("jwim: warning: " + m);
                });
        if (raw) {
            a.toVolume(to).requireCrashSafe(requireCrashSafe);
        } else {
            a.toDirectory(to).skipCorrupt(skipCorrupt).readOnly(readOnly);
            if (rpfix != null) {
                a.rpfix(rpfix);
            }
        }
        DiskApplyReport.VolumeResult v;
        // a raw volume is stopped by SIGINT/SIGTERM at a consistent point
        try (Interruption signals = raw ? Interruption.watch(progress) : null) {
            if (signals != null) {
                a.progress(signals);
            }
            v = a.run().volumes().get(0);
        } finally {
            progress.finish();
        }
        ApplyReport r = v.restored();
        if (raw) {
            out.printf("Applied image %d to %s: %d directories, %d files, %d hard links, %d reparse points,"
                    + " %d bytes%n", index, v.target(), r.directories(), r.files(), r.hardLinks(), r.symlinks(),
                    r.bytes());
        } else {
            out.printf("Applied image %d to %s: %d directories, %d files, %d hard links, %d symbolic links,"
                    + " %d bytes%n", index, to, r.directories(), r.files(), r.hardLinks(), r.symlinks(), r.bytes());
        }
        return r.corrupt().size();
    }
}
