package org.jwim.capture;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jwim.capture.apply.ApplyOptions;
import org.jwim.capture.apply.ApplyReport;
import org.jwim.capture.apply.ApplyTarget;
import org.jwim.capture.apply.BlobOpener;
import org.jwim.capture.apply.DirectoryTarget;
import org.jwim.capture.apply.NtfsVolumeTarget;
import org.jwim.capture.apply.Protection;
import org.jwim.capture.apply.SpaceEstimate;
import org.jwim.capture.apply.UnixDataApply;
import org.jwim.capture.disk.Disk;
import org.jwim.capture.disk.FileSystemKind;
import org.jwim.capture.disk.Volume;
import org.jwim.capture.platform.BlockDevices;
import org.jwim.capture.source.VolumeSources;
import org.jwim.common.Warning;
import org.jwim.wim.CancelledException;
import org.jwim.wim.ProgressListener;
import org.jwim.wim.WimFile;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;

/**
 * Applies images of a WIM: one image to a directory ({@link #toDirectory}, nothing is wiped) or
 * to a raw NTFS or FAT volume ({@link #toVolume}), or the images to the volumes of a disk
 * ({@link #toDisk}) or to mounted volumes given as directories ({@link #toDirectories}). Volumes
 * are wiped except their protected items, then the image is restored. On a disk, image i goes to
 * the i-th volume holding NTFS or FAT32 ("next available formatted partition"), or as
 * {@link #map} says; {@link #image} alone picks one image for the first such volume. Every
 * pairing is checked, every target opened and every image's room worked out before anything is
 * wiped; an image that does not fit stops the whole apply with nothing changed. Raw FAT and NTFS
 * volumes are written directly (an NTFS wipe is a re-format that keeps geometry, serial, label
 * and the protected items, see {@link NtfsVolumeTarget}, crash-safe when the old volume has the
 * room). A wiped directory must be the root of a mounted file system other than the running
 * system's root unless {@link #force}; its wipe and apply stay on that file system (a mount
 * point inside it is neither wiped nor written). Data is read in the WIM's physical order.
 * Cancellation through the progress listener
 * stops at a consistent point ({@link ApplyInterruptedException}). Configure, then
 * {@link #run()}; not thread-safe.
 */
public final class DiskApply {
    private final WimFile openWim;
    private final Path wimPath;
    private Disk disk;
    private Path diskPath;
    private Path volume;
    private Path directory;
    private List<Path> directories;
    private final Map<Integer, Path> mounted = new HashMap<>();
    private final Map<Integer, Integer> map = new LinkedHashMap<>();
    private final List<String> protect = new ArrayList<>(List.of(Protection.SMS_TASK_SEQUENCE));
    private Integer image;
    private String imageName;
    private boolean mdt;
    private boolean dryRun;
    private boolean force;
    private boolean noClobber;
    private Boolean rpfix;
    private boolean noAcls;
    private boolean unixData;
    private ApplyOptions options = ApplyOptions.defaults();

    DiskApply(WimFile wim, Path wimPath) {
        this.openWim = wim;
        this.wimPath = wimPath;
    }

    /** Do not apply security descriptors (wimlib's --no-acls). */
    public DiskApply noAcls(boolean value) {
        this.noAcls = value;
        return this;
    }

    /** Directory target: restore UNIX owners, modes and special files (wimlib's --unix-data). */
    public DiskApply unixData(boolean value) {
        this.unixData = value;
        return this;
    }

    /** Apply only this image (1-based index). */
    public DiskApply image(int index) {
        this.image = index;
        this.imageName = null;
        return this;
    }

    /** Apply only this image, given by name or by 1-based index. */
    public DiskApply image(String nameOrIndex) {
        this.imageName = Objects.requireNonNull(nameOrIndex);
        this.image = null;
        return this;
    }

    /** The target disk; open it with {@link Disk#openWritable} (read-only is enough for a dry run). */
    public DiskApply toDisk(Disk value) {
        this.disk = Objects.requireNonNull(value);
        return this;
    }

    /** The target disk (image file or device), opened for the run and closed after it. */
    public DiskApply toDisk(Path value) {
        this.diskPath = Objects.requireNonNull(value);
        return this;
    }

    /** One raw NTFS or FAT volume (image file or device): wiped except its protected items. */
    public DiskApply toVolume(Path value) {
        this.volume = Objects.requireNonNull(value);
        return this;
    }

    /** One image into a host directory (created if missing); nothing in it is wiped. */
    public DiskApply toDirectory(Path value) {
        this.directory = Objects.requireNonNull(value);
        return this;
    }

    /** Mounted volumes as targets: directory k is volume k, wiped except its protected items. */
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

    /** Report what would be wiped, kept and restored, and the room needed, without writing. */
    public DiskApply dryRun(boolean value) {
        this.dryRun = value;
        return this;
    }

    /**
     * Refuse, with nothing changed, a raw NTFS volume whose old content leaves too little free
     * space for a crash-safe apply (default: apply it in place after a warning). Checked for
     * every volume before the first wipe.
     */
    public DiskApply requireCrashSafe(boolean value) {
        options = options.requireCrashSafe(value);
        return this;
    }

    /**
     * Also accept a wiped directory target ({@link #toDirectories}, {@link #mounted}) that is
     * not the root of a mounted file system, and the root of the running system ({@code /}).
     * Off by default: such a directory is wiped as a whole volume, so it must be one.
     */
    public DiskApply force(boolean value) {
        this.force = value;
        return this;
    }

    /**
     * {@link #toDirectory}: keep entries already in the directory where the image has one of
     * the same name, each reported in a warning, instead of replacing them. Off by default.
     */
    public DiskApply noClobber(boolean value) {
        this.noClobber = value;
        return this;
    }

    /**
     * Progress events; its {@link ProgressListener#cancelled()} stops the apply at the next
     * consistent point with an {@link ApplyInterruptedException} that says what the volume holds.
     */
    public DiskApply progress(ProgressListener value) {
        options = options.progress(value);
        return this;
    }

    public DiskApply warnings(Consumer<Warning> value) {
        options = options.warnings(value);
        return this;
    }

    /** Threads reading and writing file data (default: number of processors). */
    public DiskApply threads(int value) {
        options = options.threads(value);
        return this;
    }

    /** Zone FAT local times are written in (default UTC, as capture reads them). */
    public DiskApply fatTimeZone(ZoneId value) {
        options = options.fatTimeZone(value);
        return this;
    }

    /** Directory targets: skip (and list) files whose data is corrupt instead of failing. */
    public DiskApply skipCorrupt(boolean value) {
        options = options.skipCorrupt(value);
        return this;
    }

    /** Directory targets: clear the write permission of files marked read-only. */
    public DiskApply readOnly(boolean value) {
        options = options.readOnly(value);
        return this;
    }

    /** Directory targets: re-root fixed-up absolute link targets (default: as the WIM header says). */
    public DiskApply rpfix(boolean value) {
        this.rpfix = value;
        return this;
    }

    /** The protection in effect. */
    public Protection protection() {
        Protection p = Protection.of(protect);
        return mdt ? p.plus(Protection.MDT) : p;
    }

    public DiskApplyReport run() throws IOException {
        int targets = (disk != null ? 1 : 0) + (diskPath != null ? 1 : 0) + (volume != null ? 1 : 0)
                + (directory != null ? 1 : 0) + (directories != null ? 1 : 0);
        if (targets != 1) {
            throw new IllegalStateException("give exactly one target: toDisk, toVolume, toDirectory or toDirectories");
        }
        List<Warning> allWarnings = new ArrayList<>();
        Consumer<Warning> warn = w -> {
            allWarnings.add(w);
            options.warnings().accept(w);
        };
        try (Resources r = new Resources()) {
            WimFile wim = openWim != null ? openWim : r.wim(wimPath);
            Integer only = image != null ? image : imageName != null ? Apply.imageIndex(wim, imageName) : null;
            Disk d = disk != null ? disk : diskPath != null ? r.disk(diskPath, dryRun) : null;
            List<ApplyPlan.Pair> plan = plan(wim, d, only, r, warn);
            try {
                return new DiskApplyReport(run(wim, plan, warn), allWarnings, dryRun);
            } finally {
                ApplyPlan.closeAll(plan);
            }
        }
    }

    private List<ApplyPlan.Pair> plan(WimFile wim, Disk d, Integer only, Resources r, Consumer<Warning> warn)
            throws IOException {
        Protection p = protection();
        if (d != null || directories != null) {
            return ApplyPlan.plan(wim, new ApplyPlan.Targets(d, directories, mounted, force), map, only, dryRun, p, warn);
        }
        int index = only != null ? only : Apply.imageIndex(wim, null);
        if (directory != null) {
            return List.of(new ApplyPlan.Pair(index, directory.toString(), DirectoryTarget.of(directory).noClobber(noClobber)));
        }
        FileChannel ch = r.channel(volume, dryRun);
        long size = BlockDevices.isDevice(volume) ? BlockDevices.geometry(volume).size() : ch.size();
        FileSystemKind fs = VolumeSources.sniff(ch, 0, size);
        List<String> errors = new ArrayList<>();
        String label = fs.label() + " volume " + volume;
        ApplyTarget t = ApplyPlan.rawTarget(ch, 0, size, fs, label, p, errors, warn);
        if (t == null) {
            throw new CaptureException("nothing was wiped: " + String.join("; ", errors));
        }
        return List.of(new ApplyPlan.Pair(index, label, t));
    }

    private List<DiskApplyReport.VolumeResult> run(WimFile wim, List<ApplyPlan.Pair> plan, Consumer<Warning> warn)
            throws IOException {
        // every image's metadata is read (and validated) and its room worked out before the first wipe
        List<ImageTree> trees = new ArrayList<>();
        List<SpaceEstimate> space = new ArrayList<>();
        List<String> shortfalls = new ArrayList<>();
        for (ApplyPlan.Pair pair : plan) {
            ImageTree tree = noAcls ? wim.readImage(pair.image()).withoutSecurity() : wim.readImage(pair.image());
            SpaceEstimate s = pair.target().estimate(tree, wim::openBlob);
            trees.add(tree);
            space.add(s);
            if (!s.fits()) {
                shortfalls.add(s.shortfall(pair.image(), pair.label()));
            } else if (options.requireCrashSafe() && s.crashSafety() != null && !s.crashSafe()) {
                shortfalls.add(pair.label() + ": a crash-safe apply is not possible: " + s.commit());
            }
        }
        if (!shortfalls.isEmpty() && !dryRun) {
            throw new CaptureException(String.join("; ", shortfalls) + "; nothing was changed");
        }
        ApplyOptions base = options.readOrder(wim.readOrder()).rpfix(rpfix != null ? rpfix : wim.rpFix());
        List<DiskApplyReport.VolumeResult> results = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            ApplyPlan.Pair pair = plan.get(i);
            ApplyTarget t = pair.target();
            ImageTree tree = trees.get(i);
            long[] counts = count(tree.root());
            List<String> skipped = new ArrayList<>();
            for (Dentry d : tree.root().children()) {
                if (t.keeps(d)) {
                    skipped.add(d.name());
                }
            }
            List<String> kept = t.kept();
            List<String> wiped = t.removed();
            ApplyReport restored = null;
            if (!dryRun) {
                if (options.progress().cancelled()) {
                    throw interrupted(pair, true);
                }
                // on a disk or several volumes each warning says which image and volume it is about
                String where = volume != null || directory != null ? null
                        : "image " + pair.image() + " -> " + pair.label();
                try {
                    restored = t.apply(tree, BlobOpener.of(wim), base.warnings(m -> warn.accept(where == null ? m : m.in(where))));
                    if (unixData && directory != null) {
                        restored = UnixDataApply.restore(tree, directory, restored, warn);
                    }
                } catch (ApplyInterruptedException e) {
                    throw interrupted(pair, e.unchanged());
                } catch (CancelledException e) {
                    throw interrupted(pair, false);
                }
            }
            results.add(new DiskApplyReport.VolumeResult(pair.image(), pair.label(), kept, wiped, skipped,
                    counts[0], counts[1], counts[2], space.get(i), restored));
        }
        return results;
    }

    private static ApplyInterruptedException interrupted(ApplyPlan.Pair pair, boolean unchanged) {
        return new ApplyInterruptedException(pair.label() + (unchanged ? " left as before the apply"
                : " holds a partial image " + pair.image() + ": re-run apply-disk"), unchanged);
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

    /** What a run opens itself (the WIM, the disk, the volume), closed when it ends. */
    private static final class Resources implements AutoCloseable {
        private final List<AutoCloseable> opened = new ArrayList<>();

        WimFile wim(Path path) throws IOException {
            return add(WimFile.open(path, List.of())); // a split WIM with the parts beside it
        }

        Disk disk(Path path, boolean readOnly) throws IOException {
            return add(readOnly ? Disk.open(path) : Disk.openWritable(path));
        }

        FileChannel channel(Path path, boolean readOnly) throws IOException {
            return add(readOnly ? FileChannel.open(path, StandardOpenOption.READ)
                    : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE));
        }

        private <T extends AutoCloseable> T add(T t) {
            opened.add(t);
            return t;
        }

        @Override
        public void close() throws IOException {
            List<AutoCloseable> reversed = new ArrayList<>(opened);
            java.util.Collections.reverse(reversed);
            ApplyPlan.closeAll(reversed);
        }
    }
}
