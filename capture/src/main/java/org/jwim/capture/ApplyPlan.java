package org.jwim.capture;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jwim.capture.apply.ApplyTarget;
import org.jwim.capture.apply.DirectoryTarget;
import org.jwim.capture.apply.MountBoundary;
import org.jwim.capture.apply.FatVolumeTarget;
import org.jwim.capture.apply.NtfsVolumeTarget;
import org.jwim.capture.apply.Protection;
import org.jwim.capture.disk.Disk;
import org.jwim.capture.disk.FileSystemKind;
import org.jwim.capture.disk.Volume;
import org.jwim.common.Warning;
import org.jwim.fat.FatFormatException;
import org.jwim.ntfs.NtfsFormatException;
import org.jwim.wim.ImageSummary;
import org.jwim.wim.WimFile;

/**
 * Pairs images with target volumes and opens every target before anything is written: counts,
 * file-system kinds, a read-only disk. Raw FAT and NTFS volumes are opened here (their wipe is
 * planned in memory; NTFS protected items are checked to be carried over), so a damaged volume
 * also stops the apply before the first wipe. All problems are reported together.
 */
final class ApplyPlan {
    /** One image and the target it goes to. */
    record Pair(int image, String label, ApplyTarget target) {
    }

    /**
     * What the images go to: a disk's volumes, mounted volumes as directories, or one raw volume;
     * {@code force} also takes directories that are not volume roots.
     */
    record Targets(Disk disk, List<Path> wipedDirectories, Map<Integer, Path> mounted, boolean force) {
    }

    private ApplyPlan() {
    }

    /**
     * @param explicit image to volume mapping, or empty for "image i to the i-th volume" (or,
     *                 with {@code only}, image {@code only} to the first volume)
     */
    static List<Pair> plan(WimFile wim, Targets to, Map<Integer, Integer> explicit, Integer only, boolean dryRun,
                           Protection p, Consumer<Warning> warnings) throws IOException {
        Disk disk = to.disk();
        List<Path> dirs = to.wipedDirectories();
        int images = wim.imageCount();
        List<String> errors = new ArrayList<>();
        Map<Integer, Integer> pairs = new LinkedHashMap<>();
        if (!explicit.isEmpty()) {
            Set<Integer> used = new HashSet<>();
            for (Map.Entry<Integer, Integer> e : explicit.entrySet()) {
                if (e.getKey() < 1 || e.getKey() > images) {
                    errors.add("image " + e.getKey() + " does not exist (the WIM has " + images + ")");
                } else if (!used.add(e.getValue())) {
                    errors.add("volume " + e.getValue() + " is mapped twice");
                }
                pairs.put(e.getKey(), e.getValue());
            }
        } else {
            List<Integer> candidates = new ArrayList<>();
            String listed;
            if (disk != null) {
                for (Volume v : disk.volumes()) {
                    if (DiskApply.isApplicable(v.fileSystem())) {
                        candidates.add(v.index());
                    }
                }
                listed = candidates.isEmpty() ? "none" : candidates.stream()
                        .map(i -> DiskApply.describe(disk.volumes().get(i - 1))).toList().toString();
            } else {
                for (int i = 1; i <= dirs.size(); i++) {
                    candidates.add(i);
                }
                listed = dirs.toString();
            }
            if (only != null) {
                if (candidates.isEmpty()) {
                    errors.add("the target has no formatted NTFS/FAT32 volume");
                } else {
                    pairs.put(only, candidates.get(0));
                }
            } else if (candidates.size() != images) {
                errors.add("the WIM has " + images + " image(s) but the target has " + candidates.size()
                        + " formatted NTFS/FAT32 volume(s) " + listed
                        + "; give an explicit mapping (--map IMAGE=VOLUME,...)");
            } else {
                for (int i = 0; i < images; i++) {
                    pairs.put(i + 1, candidates.get(i));
                }
            }
        }
        List<Pair> out = new ArrayList<>();
        if (errors.isEmpty()) {
            for (Map.Entry<Integer, Integer> e : pairs.entrySet()) {
                Pair pair = pair(wim, to, e.getKey(), e.getValue(), dryRun, p, errors, warnings);
                if (pair != null) {
                    out.add(pair);
                }
            }
        }
        if (!errors.isEmpty()) {
            closeAll(out); // nothing written yet: the targets close without writing
            throw new CaptureException("nothing was wiped: " + String.join("; ", errors));
        }
        return out;
    }

    private static Pair pair(WimFile wim, Targets to, int image, int volume, boolean dryRun, Protection p,
                             List<String> errors, Consumer<Warning> warnings) throws IOException {
        Disk disk = to.disk();
        List<Path> dirs = to.wipedDirectories();
        if (dirs != null) {
            if (volume < 1 || volume > dirs.size()) {
                errors.add("volume " + volume + " does not exist (" + dirs.size() + " directories given)");
                return null;
            }
            return directoryPair(image, dirs.get(volume - 1), p, to.force(), errors);
        }
        if (volume < 1 || volume > disk.volumes().size()) {
            errors.add("volume " + volume + " does not exist (the disk has " + disk.volumes().size() + ")");
            return null;
        }
        Volume v = disk.volumes().get(volume - 1);
        FileSystemKind fs = v.fileSystem();
        String imageKind = imageKind(wim, image);
        if (imageKind != null && DiskApply.isApplicable(fs) && !imageKind.equals(fs.label())) {
            errors.add("image " + image + " was captured from " + imageKind + " but " + DiskApply.describe(v)
                    + " is " + fs.label());
            return null;
        }
        if (to.mounted().containsKey(volume)) {
            return directoryPair(image, to.mounted().get(volume), p, to.force(), errors);
        }
        if (!dryRun && !disk.writable() && (fs == FileSystemKind.NTFS || fs.isFat())) {
            errors.add(disk.path() + " is open read-only (use Disk.openWritable)");
            return null;
        }
        ApplyTarget t = rawTarget(disk.channel(), v.offset(), v.length(), fs, DiskApply.describe(v), p,
                errors, warnings);
        return t == null ? null : new Pair(image, DiskApply.describe(v), t);
    }

    /** Opens the raw volume as a target, or records why it cannot be one and returns null. */
    static ApplyTarget rawTarget(FileChannel ch, long offset, long length, FileSystemKind fs, String label,
                                 Protection p, List<String> errors, Consumer<Warning> warnings) throws IOException {
        try {
            if (fs.isFat()) {
                return FatVolumeTarget.open(ch, offset, length, p);
            }
            if (fs == FileSystemKind.NTFS) {
                return NtfsVolumeTarget.open(ch, offset, length, p, m -> warnings.accept(m.in(label)));
            }
        } catch (NtfsFormatException | FatFormatException | CaptureException | IllegalArgumentException e) {
            errors.add(label + ": " + e.getMessage());
            return null;
        }
        errors.add(label + " cannot be applied to (only NTFS and FAT volumes)");
        return null;
    }

    private static Pair directoryPair(int image, Path dir, Protection p, boolean force, List<String> errors)
            throws IOException {
        if (!Files.isDirectory(dir)) {
            errors.add(dir + " is not a directory");
            return null;
        }
        String notVolume = force ? null : MountBoundary.notAVolumeRoot(dir);
        if (notVolume != null) {
            errors.add(notVolume + "; it would be wiped as a whole volume (--force to apply anyway)");
            return null;
        }
        return new Pair(image, dir.toString(), DirectoryTarget.wiped(dir, p));
    }

    /** Closes targets that will not be applied; the first failure is thrown after all are closed. */
    static void closeAll(List<Pair> pairs) throws IOException {
        closeAll(pairs.stream().map(Pair::target).toList());
    }

    /** Closes everything in order; the first failure is thrown after all are closed. */
    static void closeAll(Iterable<? extends AutoCloseable> all) throws IOException {
        IOException first = null;
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                IOException io = e instanceof IOException x ? x : new IOException(e);
                if (first == null) {
                    first = io;
                } else {
                    first.addSuppressed(io);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** "NTFS"/"FAT32" when the image carries jwim's default name "Volume N (KIND)", else null. */
    private static String imageKind(WimFile wim, int image) {
        for (ImageSummary s : wim.images()) {
            if (s.index() == image) {
                String n = s.info().name();
                if (n != null && n.matches("Volume \\d+ \\((NTFS|FAT32)\\)")) {
                    return n.substring(n.indexOf('(') + 1, n.length() - 1);
                }
            }
        }
        return null;
    }
}
