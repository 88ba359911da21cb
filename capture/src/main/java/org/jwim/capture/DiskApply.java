package org.jwim.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jwim.capture.disk.Disk;
import org.jwim.capture.disk.FileSystemKind;
import org.jwim.capture.disk.Volume;
import org.jwim.capture.apply.ApplyReport;
import org.jwim.capture.apply.CrashSafety;
import org.jwim.capture.apply.DirectoryTarget;
import org.jwim.capture.apply.DirectoryWipe;
import org.jwim.capture.apply.FatVolumeTarget;
import org.jwim.capture.apply.NtfsVolumeTarget;
import org.jwim.capture.apply.Protection;
import org.jwim.fat.write.FatWriter;
import org.jwim.fat.write.WipeResult;
import org.jwim.wim.ProgressListener;
import org.jwim.wim.WimFile;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;

/**
 * Applies the images of a WIM to the volumes of a disk (or to mounted volumes given as
 * directories): each target is wiped except its protected items, then the image is restored.
 * Image i goes to the i-th volume holding NTFS or FAT32 ("next available formatted
 * partition"), or as {@link #map} says. Every pairing is checked, and every raw volume
 * opened, before anything is wiped. Raw FAT and NTFS volumes are written directly (an NTFS
 * wipe is a re-format that keeps geometry, serial, label and the protected items, see
 * {@link NtfsVolumeTarget}, crash-safe when the old volume has the room); a volume may instead
 * be given as a mounted directory ({@link #mounted}), which must be the root of a mounted file
 * system other than the running system's root unless {@link #force}; its wipe and apply stay
 * on that file system (a mount point inside it is neither wiped nor written). Cancellation
 * through the progress listener stops at a consistent point ({@link ApplyInterruptedException}).
 * Configure, then {@link #run()}; not thread-safe.
 */
public final class DiskApply {
    private final WimFile wim;
    private Disk disk;
    private List<Path> directories;
    private final Map<Integer, Path> mounted = new HashMap<>();
    private final Map<Integer, Integer> map = new LinkedHashMap<>();
    private final List<String> protect = new ArrayList<>(List.of(Protection.SMS_TASK_SEQUENCE));
    private boolean mdt;
    private boolean dryRun;
    private boolean force;
    private boolean requireCrashSafe;
    private ProgressListener progress = ProgressListener.NONE;
    private Consumer<String> warnings = w -> { };
    private ZoneId fatZone = ZoneOffset.UTC;

    DiskApply(WimFile wim) {
        this.wim = Objects.requireNonNull(wim);
    }

    /** The target disk; open it with {@link Disk#openWritable} (read-only is enough for a dry run). */
    public DiskApply toDisk(Disk value) {
        this.disk = Objects.requireNonNull(value);
        return this;
    }

    /** Mounted volumes as targets: directory k is volume k. */
    public DiskApply toDirectories(Path... dirs) {
        this.directories = List.of(dirs);
        return this;
    }

    /** Apply disk volume {@code volume} through this directory (where it is mounted). */
    public DiskApply mounted(int volume, Path dir) {
        mounted.put(volume, Objects.requireNonNull(dir));
        return this;
    }

    /** More protected paths (the default keeps {@code _SMSTaskSequence}). */
    public DiskApply protect(String... paths) {
        protect.addAll(List.of(paths));
        return this;
    }

    /** Also keep MDT's folders ({@link Protection#MDT}). */
    public DiskApply mdtProtect(boolean value) {
        this.mdt = value;
        return this;
    }

    /**
     * Image {@code image} goes to volume {@code volume} (the disk's 1-based table index, or the
     * position among the directories). With any mapping only mapped images are applied.
     */
    public DiskApply map(int image, int volume) {
        map.put(image, volume);
        return this;
    }

    /** Report what would be wiped, kept and restored without writing. */
    public DiskApply dryRun(boolean value) {
        this.dryRun = value;
        return this;
    }

    /**
     * Also accept a directory target that is not the root of a mounted file system, and the
     * root of the running system ({@code /}). Off by default: a directory target is wiped as
     * a whole volume, so it must be one.
     */
    public DiskApply force(boolean value) {
        this.force = value;
        return this;
    }

    /**
     * Refuse, with nothing changed, a raw NTFS volume whose old content leaves too little free
     * space for a crash-safe apply (default: apply it in place after a warning).
     */
    public DiskApply requireCrashSafe(boolean value) {
        this.requireCrashSafe = value;
        return this;
    }

    /**
     * Progress events; its {@link ProgressListener#cancelled()} stops the apply at the next
     * consistent point with an {@link ApplyInterruptedException} that says what the volume holds.
     */
    public DiskApply progress(ProgressListener value) {
        this.progress = Objects.requireNonNull(value);
        return this;
    }

    public DiskApply warnings(Consumer<String> value) {
        this.warnings = Objects.requireNonNull(value);
        return this;
    }

    /** Zone FAT local times are written in (default UTC, as capture reads them). */
    public DiskApply fatTimeZone(ZoneId value) {
        this.fatZone = Objects.requireNonNull(value);
        return this;
    }

    /** The protection in effect. */
    public Protection protection() {
        Protection p = Protection.of(protect);
        return mdt ? p.plus(Protection.MDT) : p;
    }

    public DiskApplyReport run() throws IOException {
        Protection p = protection();
        List<String> allWarnings = new ArrayList<>();
        Consumer<String> warn = w -> {
            allWarnings.add(w);
            warnings.accept(w);
        };
        List<ApplyPlan.Pair> plan = ApplyPlan.plan(wim, disk, directories, mounted, map, dryRun, force, p, warn);
        List<DiskApplyReport.VolumeResult> results = new ArrayList<>();
        try {
            // every image's metadata is read (and validated) before the first wipe
            List<ImageTree> trees = new ArrayList<>();
            for (ApplyPlan.Pair pair : plan) {
                trees.add(wim.readImage(pair.image()));
            }
            for (int i = 0; i < plan.size(); i++) {
                ApplyPlan.Pair pair = plan.get(i);
                if (!dryRun && progress.cancelled()) {
                    throw interrupted(pair, true);
                }
                try {
                    results.add(applyOne(pair, trees.get(i), p, warn));
                } catch (ApplyInterruptedException e) {
                    throw interrupted(pair, e.unchanged());
                } catch (org.jwim.wim.CancelledException e) {
                    throw interrupted(pair, false);
                }
            }
        } finally {
            for (ApplyPlan.Pair pair : plan) {
                if (pair.fat() != null) {
                    pair.fat().close();
                }
            }
        }
        return new DiskApplyReport(results, allWarnings, dryRun);
    }

    private static ApplyInterruptedException interrupted(ApplyPlan.Pair pair, boolean unchanged) {
        return new ApplyInterruptedException(pair.label() + (unchanged ? " left as before the apply"
                : " holds a partial image " + pair.image() + ": re-run apply-disk"), unchanged);
    }

    private DiskApplyReport.VolumeResult applyOne(ApplyPlan.Pair pair, ImageTree tree, Protection p,
                                                  Consumer<String> warn) throws IOException {
        long[] counts = count(tree.root());
        List<String> skipped = new ArrayList<>();
        for (Dentry d : tree.root().children()) {
            if (p.matches(d) || (pair.fat() != null && pair.fat().root().contains(d.name()))
                    || (pair.ntfs() != null && (pair.ntfs().isKept(d.name()) || pair.ntfs().isKept(d.shortName())))) {
                skipped.add(d.name());
            }
        }
        List<String> kept;
        List<String> wiped;
        ApplyReport restored = null;
        CrashSafety safety = null;
        String where = "image " + pair.image() + " -> " + pair.label() + ": ";
        Consumer<String> w = m -> warn.accept(where + m);
        if (pair.fat() != null) {
            FatWriter fw = pair.fat();
            WipeResult r = fw.wipeResult();
            kept = r.kept();
            wiped = r.removed();
            if (!dryRun) {
                try {
                    restored = FatVolumeTarget.of(fw).protection(p).timeZone(fatZone).readOrder(wim.readOrder())
                            .progress(progress).warnings(w).apply(tree, wim::openBlob);
                } finally {
                    fw.finish();
                }
            }
        } else if (pair.ntfs() != null) {
            NtfsVolumeTarget t = pair.ntfs();
            kept = t.kept();
            wiped = t.removed();
            if (dryRun) {
                safety = t.crashSafety(tree, wim::openBlob);
            } else {
                restored = t.readOrder(wim.readOrder()).progress(progress).warnings(w).requireCrashSafe(requireCrashSafe)
                        .apply(tree, wim::openBlob);
            }
        } else {
            DirectoryWipe.Result r = DirectoryWipe.wipe(pair.directory(), p, dryRun);
            kept = r.kept();
            wiped = r.removed();
            for (String m : r.mountPoints()) {
                w.accept(m + ": another file system is mounted here; it was neither wiped nor written");
            }
            for (Dentry d : List.copyOf(tree.root().children())) {
                if (p.matches(d)) {
                    w.accept(d.path() + ": would overwrite the protected '" + d.name() + "', skipped");
                    tree.root().remove(d);
                }
            }
            if (!dryRun) {
                restored = DirectoryTarget.of(pair.directory()).readOrder(wim.readOrder()).progress(progress)
                        .warnings(w).apply(tree, wim::openBlob);
            }
        }
        return new DiskApplyReport.VolumeResult(pair.image(), pair.label(), kept, wiped, skipped,
                counts[0], counts[1], counts[2], restored, safety);
    }

    /** Files, directories (root excluded) and unnamed-data bytes below {@code root}. */
    private static long[] count(Dentry root) {
        long[] c = new long[3];
        java.util.ArrayDeque<Dentry> stack = new java.util.ArrayDeque<>(root.children());
        while (!stack.isEmpty()) {
            Dentry d = stack.pop();
            if (d.inode().isDirectory() && !d.inode().isReparsePoint()) {
                c[1]++;
                stack.addAll(d.children());
            } else {
                c[0]++;
                var data = d.inode().unnamedData();
                c[2] += data == null ? 0 : data.size();
            }
        }
        return c;
    }

    static boolean isApplicable(FileSystemKind fs) {
        return fs == FileSystemKind.NTFS || fs == FileSystemKind.FAT32;
    }

    static String describe(Volume v) {
        return "volume " + v.index() + " (" + v.fileSystem().label() + ")";
    }
}
