package org.jwim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jwim.capture.Apply;
import org.jwim.capture.ApplyInterruptedException;
import org.jwim.capture.CaptureException;
import org.jwim.capture.DiskApply;
import org.jwim.capture.DiskApplyReport;
import org.jwim.capture.apply.ApplyReport;
import org.jwim.capture.apply.DirectoryTarget;
import org.jwim.wim.CancelledException;
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
        description = {"Apply an image (index or name) to a directory, or to a raw NTFS or FAT volume (image file or"
                + " device: NTFS is re-formatted keeping its geometry, serial, label and _SMSTaskSequence; FAT is"
                + " wiped except _SMSTaskSequence).",
                "'all' applies every image to DIR/<image name> (DIR/<index> if the name is unusable)."})
final class ApplyCommand implements Callable<Integer> {
    @Mixin
    NetOptions net;

    @Spec
    CommandSpec spec;

    @Mixin
    RefOption refs;

    @Parameters(index = "0", paramLabel = "WIM")
    Path wim;

    @Parameters(index = "1..2", arity = "1..2", paramLabel = "[IMAGE|all] DIR", hideParamSyntax = true,
            description = "Image (index, name or all; optional if the WIM has one image) and target directory.")
    java.util.List<String> rest;

    @Option(names = {"--recover-data", "--skip-corrupt"},
            description = "Skip (and list) files whose data is corrupt instead of failing.")
    boolean skipCorrupt;

    @Option(names = "--rpfix", negatable = true,
            description = "Re-root fixed-up absolute link targets under DIR (default: as the WIM header says).")
    Boolean rpfix;

    @Option(names = "--norpfix", description = "wimlib's spelling of --no-rpfix.")
    boolean norpfix;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads writing file data (default: number of processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--readonly", description = "Clear write permission of files marked read-only.")
    boolean readOnly;

    @Option(names = "--require-crash-safe", description = "Raw NTFS volume: refuse (changing nothing) when it lacks"
            + " the free space for a crash-safe apply, instead of applying in place after a warning.")
    boolean requireCrashSafe;

    @Option(names = "--no-clobber", description = "Keep files already in DIR where the image has one of the same"
            + " name (each is reported, exit code 3) instead of replacing them.")
    boolean noClobber;

    @Option(names = "--no-acls", description = "Do not apply security descriptors.")
    boolean noAcls;

    @Option(names = "--unix-data", description = "Directory: restore UNIX owners, groups, modes, FIFOs, sockets"
            + " and device nodes stored by capture --unix-data.")
    boolean unixData;

    /** Warnings the applies raised (entries skipped or not applied as stored). */
    private long warned;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = Cli.out(spec);
        PrintWriter err = Cli.err(spec);
        String imageSpec = rest.size() == 2 ? rest.get(0) : null;
        Path dir = Path.of(rest.get(rest.size() - 1));
        long corrupt = 0;
        ProgressPrinter progress = new ProgressPrinter(err);
        // SIGINT/SIGTERM stop the apply at a consistent point; the JVM exits only once the watch
        // is closed, so the line saying what the target holds is printed first
        try (Interruption signals = Interruption.watch(progress); WimFile w = refs.open(wim)) {
            Path to = dir;
            int index = 0;
            try {
                if ("all".equals(imageSpec)) {
                    for (ImageSummary s : w.images()) {
                        String n = s.info().name();
                        to = DirectoryTarget.isSafeName(n) ? dir.resolve(n) : dir.resolve(Integer.toString(s.index()));
                        index = s.index();
                        corrupt += applyOne(w, index, to, false, signals, progress, out, err);
                    }
                } else {
                    index = imageSpec == null ? Cli.onlyImage(w) : Cli.image(w, imageSpec);
                    boolean raw = Files.exists(dir) && !Files.isDirectory(dir);
                    corrupt += applyOne(w, index, dir, raw, signals, progress, out, err);
                }
            } catch (CancelledException e) {
                if (!signals.requested()) {
                    throw e;
                }
                progress.finish();
                boolean unchanged = e instanceof ApplyInterruptedException a && a.unchanged();
                err.println("jwim: interrupted: " + to + (unchanged ? " left as before the apply"
                        : " holds a partial image " + index + ": re-run apply"));
                return Main.INTERRUPTED;
            }
            for (var warning : w.warnings()) {
                err.println("jwim: warning: " + warning);
            }
        }
        if (corrupt > 0) {
            err.println("jwim: warning: " + corrupt + " file(s) skipped because their data is corrupt");
        }
        return Main.exitCode(warned + corrupt > 0);
    }

    /** Applies to a directory, or to a raw volume (a file or device that is not a directory). */
    private long applyOne(WimFile w, int index, Path to, boolean raw, Interruption signals,
            ProgressPrinter progress, PrintWriter out, PrintWriter err) throws IOException {
        DiskApply a = Apply.wim(w).image(index).threads(Math.max(1, threads)).progress(signals)
                .warnings(m -> {
                    progress.finish();
                    err.println("jwim: warning: " + m);
                });
        if (raw && unixData) {
            throw new CaptureException("--unix-data applies to a directory; " + to + " is a volume");
        }
        a.noAcls(noAcls).unixData(unixData);
        if (raw) {
            a.toVolume(to).requireCrashSafe(requireCrashSafe);
        } else {
            a.toDirectory(to).skipCorrupt(skipCorrupt).readOnly(readOnly).noClobber(noClobber);
            if (rpfix != null || norpfix) {
                a.rpfix(!norpfix && rpfix);
            }
        }
        DiskApplyReport.VolumeResult v;
        try {
            v = a.run().volumes().get(0);
        } finally {
            progress.finish();
        }
        ApplyReport r = v.restored();
        warned += r.warnings().size();
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
