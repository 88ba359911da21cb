package org.jwim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jwim.capture.Apply;
import org.jwim.capture.ApplyInterruptedException;
import org.jwim.capture.DiskApply;
import org.jwim.capture.DiskApplyReport;
import org.jwim.capture.apply.ApplyReport;
import org.jwim.capture.apply.SpaceEstimate;
import org.jwim.wim.WimFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jwim apply-disk WIM DISK|DIR... [--protect PATH]... [--mdt-protect] [--map 1=3,2=1]
 * [--mounted 3=DIR] [--dry-run]}: ConfigMgr's "Apply Operating System Image" — wipe each target
 * volume except protected items, then apply image i to the i-th formatted NTFS/FAT32 volume.
 */
@Command(name = "apply-disk", mixinStandardHelpOptions = true,
        description = {"Wipe each target volume (keeping _SMSTaskSequence and --protect paths) and apply"
                + " image i to the i-th NTFS/FAT32 volume of DISK, or to the i-th DIR (mounted volumes).",
                "FAT and NTFS volumes are written raw (an NTFS wipe re-formats the volume keeping its geometry,"
                        + " serial, label and the protected items); --mounted applies a volume through a mount instead."})
final class ApplyDiskCommand implements Callable<Integer> {
    @Mixin
    NetOptions net;

    @Spec
    CommandSpec spec;

    @Mixin
    RefOption refs;

    @Parameters(index = "0", paramLabel = "WIM")
    Path wim;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "DISK|DIR",
            description = "A disk image or device, or one directory per volume.")
    List<Path> targets;

    @Option(names = "--protect", paramLabel = "PATH", description = "Also keep this root item (repeatable).")
    List<String> protect = new ArrayList<>();

    @Option(names = "--mdt-protect", description = "Also keep MDT's folders (MININT, SMSTSLog, Drivers, Deploy,"
            + " Sysprep, RECYCLER, System Volume Information).")
    boolean mdt;

    @Option(names = "--map", paramLabel = "IMAGE=VOLUME", split = ",",
            description = "Explicit mapping, e.g. 1=3,2=1 (volume: the disk's partition index); only mapped images are applied.")
    List<String> map = new ArrayList<>();

    @Option(names = "--mounted", paramLabel = "VOLUME=DIR",
            description = "Apply disk volume VOLUME through the directory it is mounted on instead of writing it raw.")
    List<String> mountedVolumes = new ArrayList<>();

    @Option(names = "--dry-run", description = "Print what would be wiped, kept and restored, the room each image"
            + " needs against what the wipe leaves, and whether each raw NTFS volume can be applied crash-safe;"
            + " write nothing.")
    boolean dryRun;

    @Option(names = "--force", description = "Also apply to a DIR that is not the root of a mounted file system,"
            + " or to / (it is wiped as a whole volume).")
    boolean force;

    @Option(names = "--require-crash-safe", description = "Refuse (changing nothing) a raw NTFS volume that lacks"
            + " the free space for a crash-safe apply, instead of applying it in place after a warning.")
    boolean requireCrashSafe;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = Cli.out(spec);
        PrintWriter err = Cli.err(spec);
        boolean isDisk = targets.size() == 1 && !Files.isDirectory(targets.get(0), LinkOption.NOFOLLOW_LINKS);
        ProgressPrinter progress = new ProgressPrinter(err);
        try (Interruption signals = Interruption.watch(progress); WimFile w = refs.open(wim)) {
            DiskApply a = Apply.wim(w).protect(protect.toArray(new String[0])).mdtProtect(mdt).dryRun(dryRun)
                    .requireCrashSafe(requireCrashSafe).force(force).progress(signals).warnings(m -> {
                        progress.finish();
                        err.println("jwim: warning: " + m);
                    });
            for (String m : map) {
                int[] p = pair(m, "--map");
                a.map(p[0], p[1]);
            }
            for (String m : mountedVolumes) {
                int eq = m.indexOf('=');
                int volume;
                try {
                    volume = Integer.parseInt(m.substring(0, Math.max(eq, 0)).trim());
                } catch (NumberFormatException e) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--mounted " + m + ": expected VOLUME=DIR");
                }
                a.mounted(volume, Path.of(m.substring(eq + 1)));
            }
            if (isDisk) {
                a.toDisk(targets.get(0));
            } else {
                a.toDirectories(targets.toArray(new Path[0]));
            }
            DiskApplyReport r;
            try {
                r = a.run();
            } catch (ApplyInterruptedException e) {
                progress.finish();
                err.println("jwim: interrupted: " + e.getMessage());
                return Main.INTERRUPTED;
            } finally {
                progress.finish();
            }
            print(r, out);
            if (!r.fits()) {
                for (DiskApplyReport.VolumeResult v : r.volumes()) {
                    if (!v.space().fits()) {
                        err.println("jwim: error: " + v.space().shortfall(v.image(), v.target()));
                    }
                }
                return Main.FAILED;
            }
            return Main.exitCode(r.volumes().stream().map(DiskApplyReport.VolumeResult::restored)
                    .anyMatch(v -> v != null && !(v.warnings().isEmpty() && v.corrupt().isEmpty())));
        }
    }

    /** A usage error (exit 2) unless {@code s} is NUMBER=NUMBER. */
    private int[] pair(String s, String option) {
        String[] parts = s.split("=", 2);
        try {
            return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
        } catch (RuntimeException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), option + " " + s + ": expected NUMBER=NUMBER");
        }
    }

    private static void print(DiskApplyReport r, PrintWriter out) {
        for (DiskApplyReport.VolumeResult v : r.volumes()) {
            out.printf("Image %d -> %s%s%n", v.image(), v.target(), r.dryRun() ? " (dry run)" : "");
            out.printf("  %s: %s%n", r.dryRun() ? "would wipe" : "wiped", v.wiped().isEmpty() ? "(nothing)" : String.join(", ", v.wiped()));
            out.printf("  kept: %s%n", v.kept().isEmpty() ? "(nothing)" : String.join(", ", v.kept()));
            if (!v.skipped().isEmpty()) {
                out.printf("  skipped (protected): %s%n", String.join(", ", v.skipped()));
            }
            ApplyReport a = v.restored();
            if (a == null) {
                out.printf("  would restore: %d directories, %d files, %d bytes%n", v.imageDirs(), v.imageFiles(),
                        v.imageBytes());
                SpaceEstimate s = v.space();
                out.printf("  space: needs %s, %s free after the wipe%s%n", SpaceEstimate.size(s.needed()),
                        SpaceEstimate.size(s.freeAfterWipe()), s.fits() ? "" : " (does not fit)");
                out.printf("  commit: %s%n", s.commit());
            } else {
                out.printf("  restored: %d directories, %d files, %d hard links, %d bytes%n", a.directories(),
                        a.files(), a.hardLinks(), a.bytes());
            }
        }
    }
}
