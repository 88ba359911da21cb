package org.jwim.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jwim.capture.disk.Disk;
import org.jwim.capture.disk.FileSystemKind;
import org.jwim.capture.disk.Volume;
import org.jwim.capture.apply.MountBoundary;
import org.jwim.capture.apply.NtfsVolumeTarget;
import org.jwim.capture.apply.Protection;
import org.jwim.fat.write.FatWriter;
import org.jwim.ntfs.NtfsFormatException;
import org.jwim.wim.ImageSummary;
import org.jwim.wim.WimFile;

/**
 * Pairs images with target volumes and checks every pair before anything is written: counts,
 * file-system kinds, a read-only disk. Raw FAT and NTFS volumes are opened here (their wipe is
 * planned in memory; NTFS protected items are checked to be carried over), so a damaged volume
 * also stops the apply before the first wipe. All problems are reported together.
 */
final class ApplyPlan {
    /** One image and its target: a raw FAT volume (writer opened), a raw NTFS volume or a directory. */
    record Pair(int image, String label, FatWriter fat, NtfsVolumeTarget ntfs, Path directory) {
    }

    private ApplyPlan() {
    }

    static List<Pair> plan(WimFile wim, Disk disk, List<Path> dirs, Map<Integer, Path> mounted,
                           Map<Integer, Integer> explicit, boolean dryRun, boolean force, Protection p,
                           Consumer<String> warnings) throws IOException {
        if ((disk == null) == (dirs == null)) {
            throw new IllegalStateException("give exactly one target: toDisk(disk) or toDirectories(dirs)");
        }
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
            if (candidates.size() != images) {
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
                Pair pair = pair(wim, disk, dirs, mounted, e.getKey(), e.getValue(), dryRun, force, p, errors,
                        warnings);
                if (pair != null) {
                    out.add(pair);
                }
            }
        }
        if (!errors.isEmpty()) {
            for (Pair pair : out) {
                if (pair.fat() != null) {
                    pair.fat().close(); // nothing committed: closes without writing
                }
            }
            throw new CaptureException("nothing was wiped: " + String.join("; ", errors));
        }
        return out;
    }

    private static Pair pair(WimFile wim, Disk disk, List<Path> dirs, Map<Integer, Path> mounted, int image,
                             int volume, boolean dryRun, boolean force, Protection p, List<String> errors,
                             Consumer<String> warnings) throws IOException {
        if (dirs != null) {
            if (volume < 1 || volume > dirs.size()) {
                errors.add("volume " + volume + " does not exist (" + dirs.size() + " directories given)");
                return null;
            }
            return directoryPair(image, dirs.get(volume - 1), force, errors);
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
        if (mounted.containsKey(volume)) {
            return directoryPair(image, mounted.get(volume), force, errors);
        }
        switch (fs) {
            case FAT32, FAT16, FAT12 -> {
                if (!dryRun && !disk.writable()) {
                    errors.add(disk.path() + " is open read-only (use Disk.openWritable)");
                    return null;
                }
                FatWriter w = FatWriter.open(disk.channel(), v.offset(), v.length(), p.names());
                return new Pair(image, DiskApply.describe(v), w, null, null);
            }
            case NTFS -> {
                if (!dryRun && !disk.writable()) {
                    errors.add(disk.path() + " is open read-only (use Disk.openWritable)");
                    return null;
                }
                try {
                    NtfsVolumeTarget t = NtfsVolumeTarget.open(disk.channel(), v.offset(), v.length(), p,
                            m -> warnings.accept(DiskApply.describe(v) + ": " + m));
                    return new Pair(image, DiskApply.describe(v), null, t, null);
                } catch (NtfsFormatException | CaptureException | IllegalArgumentException e) {
                    errors.add(DiskApply.describe(v) + ": " + e.getMessage());
                    return null;
                }
            }
            default -> {
                errors.add(DiskApply.describe(v) + " cannot be applied to (only NTFS and FAT volumes)");
                return null;
            }
        }
    }

    private static Pair directoryPair(int image, Path dir, boolean force, List<String> errors) throws IOException {
        if (!Files.isDirectory(dir)) {
            errors.add(dir + " is not a directory");
            return null;
        }
        String notVolume = force ? null : MountBoundary.notAVolumeRoot(dir);
        if (notVolume != null) {
            errors.add(notVolume + "; it would be wiped as a whole volume (--force to apply anyway)");
            return null;
        }
        return new Pair(image, dir.toString(), null, null, dir);
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
