package org.jwim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jwim.capture.apply.ApplyReport;
import org.jwim.capture.disk.FileSystemKind;
import org.jwim.capture.disk.build.DiskBuilder;
import org.jwim.capture.disk.build.PartitionSpec;
import org.jwim.capture.disk.build.PartitionType;
import org.jwim.capture.disk.build.StandardLayout;
import org.jwim.capture.disk.build.VolumeContent;
import org.jwim.wim.ImageSummary;
import org.jwim.wim.WimFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jwim make-disk [WIM] DISK.img [--layout uefi|bios] [--size SIZE] [--partition SPEC]...
 * [--from-dir DIR:FS[:SIZE]]...}: builds a disk image from nothing, in pure Java.
 */
@Command(name = "make-disk", mixinStandardHelpOptions = true,
        description = {"Build a disk image (a sparse file) from a WIM and/or directories: partition table, formatted"
                + " volumes, content. No root, mount or external tool. No boot code is written.",
                "Layouts: uefi = GPT with ESP (FAT32, image 1), MSR, Windows (NTFS, image 2; image 1 when the WIM has one"
                        + " image, the ESP then stays empty); bios = MBR with an active System Reserved NTFS partition"
                        + " (image 1) and Windows (NTFS, image 2).",
                "--partition SIZE:FS[:type=esp|msr|data|recovery][:label=L][:name=N][:image=I][:dir=PATH][:active]"
                        + " (SIZE like 100M, 8G or 'rest'; FS ntfs, fat32, fat16 or none) replaces the layout."})
final class MakeDiskCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "[WIM] DISK", description = "The source WIM (optional with"
            + " --partition/--from-dir) and the disk image to write (replaced if it exists).")
    List<Path> files;

    @Option(names = "--layout", paramLabel = "uefi|bios", description = "Standard layout (default uefi).")
    String layout = "uefi";

    @Option(names = "--table", paramLabel = "gpt|mbr", description = "Partition table of a --partition/--from-dir"
            + " layout (default gpt).")
    String table = "gpt";

    @Option(names = "--size", paramLabel = "SIZE", description = "Disk size, e.g. 8G (default: what the content"
            + " needs plus a margin).")
    String size;

    @Option(names = "--sector-size", paramLabel = "512|4096", description = "Logical sector size (default 512).")
    int sectorSize = 512;

    @Option(names = "--partition", paramLabel = "SPEC", description = "A partition of a custom layout (repeatable).")
    List<String> partitions = new ArrayList<>();

    @Option(names = "--from-dir", paramLabel = "DIR:FS[:SIZE]", description = "A partition (after any --partition)"
            + " holding the tree under DIR, e.g. boot:fat32 (repeatable; SIZE defaults to what DIR needs).")
    List<String> fromDirs = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        Path wim = files.size() == 2 ? files.get(0) : null;
        Path disk = files.get(files.size() - 1);
        boolean custom = !partitions.isEmpty() || !fromDirs.isEmpty();
        if (wim == null && !custom) {
            throw new ParameterException(spec.commandLine(), "give a WIM, --partition or --from-dir");
        }
        DiskBuilder b;
        if (custom) {
            List<PartitionSpec> specs = new ArrayList<>();
            for (String p : partitions) {
                specs.add(partition(p, wim));
            }
            for (String d : fromDirs) {
                specs.add(fromDir(d));
            }
            long fixed = 2L << 20;
            for (PartitionSpec s : specs) {
                fixed += s.size() + (1L << 20);
            }
            boolean gpt = switch (table.toLowerCase(Locale.ROOT)) {
                case "gpt" -> true;
                case "mbr" -> false;
                default -> throw new ParameterException(spec.commandLine(), "--table must be gpt or mbr");
            };
            if (size == null && specs.stream().anyMatch(s -> s.size() == 0)) {
                throw new ParameterException(spec.commandLine(), "a partition of size 'rest' needs --size");
            }
            long bytes = size == null ? fixed : parseSize(size);
            b = gpt ? DiskBuilder.gpt(bytes) : DiskBuilder.mbr(bytes);
            b.sectorSize(sectorSize);
            for (PartitionSpec s : specs) {
                b.partition(s);
            }
        } else {
            StandardLayout l = switch (layout.toLowerCase(Locale.ROOT)) {
                case "uefi" -> StandardLayout.UEFI;
                case "bios" -> StandardLayout.BIOS;
                default -> throw new ParameterException(spec.commandLine(), "--layout must be uefi or bios");
            };
            List<ImageSummary> images;
            try (WimFile w = Cli.open(wim)) {
                images = w.images();
            }
            boolean one = images.size() == 1;
            long windowsBytes = images.get(one ? 0 : 1).totalBytes();
            long bytes = size == null ? l.fixedBytes(sectorSize) + margin(windowsBytes) : parseSize(size);
            b = l.builder(bytes, sectorSize, one ? VolumeContent.empty() : VolumeContent.wimImage(wim, 1),
                    VolumeContent.wimImage(wim, one ? 1 : 2));
        }
        PrintWriter err = Cli.err(spec);
        List<ApplyReport> reports = b.warnings(m -> err.println("jwim: warning: " + m)).write(disk);
        PrintWriter out = Cli.out(spec);
        out.printf("Wrote %s (%d bytes)%n", disk, Files.size(disk));
        for (int i = 0; i < reports.size(); i++) {
            ApplyReport a = reports.get(i);
            if (a != null) {
                out.printf("  partition %d: %d directories, %d files, %d bytes%n", i + 1, a.directories(), a.files(),
                        a.bytes());
            }
        }
        return 0;
    }

    /** Room for {@code bytes} of files: a tenth more, plus 64 MiB for metadata, on the MiB grid. */
    private static long margin(long bytes) {
        return ((bytes + bytes / 10 + (64L << 20)) >> 20) << 20;
    }

    private PartitionSpec partition(String text, Path wim) {
        String[] f = text.split(":");
        if (f.length < 2) {
            throw new ParameterException(spec.commandLine(), "--partition " + text + ": expected SIZE:FS[:...]");
        }
        FileSystemKind fs = fileSystem(f[1], text);
        long bytes = f[0].equalsIgnoreCase("rest") ? 0 : parseSize(f[0]);
        PartitionType type = fs == FileSystemKind.UNFORMATTED ? PartitionType.MSR : PartitionType.BASIC_DATA;
        for (int i = 2; i < f.length; i++) {
            if (f[i].startsWith("type=")) {
                type = switch (f[i].substring(5).toLowerCase(Locale.ROOT)) {
                    case "esp" -> PartitionType.ESP;
                    case "msr" -> PartitionType.MSR;
                    case "data" -> PartitionType.BASIC_DATA;
                    case "recovery" -> PartitionType.RECOVERY;
                    default -> throw new ParameterException(spec.commandLine(), "--partition " + text + ": unknown type");
                };
            }
        }
        PartitionSpec s = PartitionSpec.of(bytes, type, fs);
        for (int i = 2; i < f.length; i++) {
            String kv = f[i];
            if (kv.startsWith("label=")) {
                s = s.label(kv.substring(6));
            } else if (kv.startsWith("name=")) {
                s = s.name(kv.substring(5));
            } else if (kv.equals("active")) {
                s = s.markActive();
            } else if (kv.startsWith("dir=")) {
                s = s.fromDirectory(Path.of(kv.substring(4)));
            } else if (kv.startsWith("image=")) {
                if (wim == null) {
                    throw new ParameterException(spec.commandLine(), "--partition " + text + ": image= needs a WIM");
                }
                s = s.fromImage(wim, Integer.parseInt(kv.substring(6)));
            } else if (!kv.startsWith("type=")) {
                throw new ParameterException(spec.commandLine(), "--partition " + text + ": unknown field " + kv);
            }
        }
        return s;
    }

    private PartitionSpec fromDir(String text) throws IOException {
        String[] f = text.split(":");
        if (f.length < 2 || f.length > 3) {
            throw new ParameterException(spec.commandLine(), "--from-dir " + text + ": expected DIR:FS[:SIZE]");
        }
        Path dir = Path.of(f[0]);
        FileSystemKind fs = fileSystem(f[1], text);
        long bytes;
        if (f.length == 3) {
            bytes = parseSize(f[2]);
        } else {
            long content;
            try (Stream<Path> s = Files.walk(dir)) {
                content = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
            long floor = fs == FileSystemKind.FAT32 ? (sectorSize == 4096 ? 300L << 20 : 64L << 20) : 16L << 20;
            bytes = Math.max(floor, margin(content));
        }
        return PartitionSpec.of(bytes, PartitionType.BASIC_DATA, fs).fromDirectory(dir);
    }

    private FileSystemKind fileSystem(String name, String text) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "ntfs" -> FileSystemKind.NTFS;
            case "fat32" -> FileSystemKind.FAT32;
            case "fat16" -> FileSystemKind.FAT16;
            case "none" -> FileSystemKind.UNFORMATTED;
            default -> throw new ParameterException(spec.commandLine(), text + ": file system must be ntfs, fat32,"
                    + " fat16 or none");
        };
    }

    /** "8G", "100M", "512K", "4096" (bytes); binary units, an optional "iB" or "B". */
    private long parseSize(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replaceAll("I?B$", "");
        int shift = 0;
        if (!t.isEmpty() && "KMGT".indexOf(t.charAt(t.length() - 1)) >= 0) {
            shift = 10 * ("KMGT".indexOf(t.charAt(t.length() - 1)) + 1);
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = Long.parseLong(t);
            if (v <= 0 || v > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return v << shift;
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "size " + text + ": expected e.g. 512M or 8G");
        }
    }
}
