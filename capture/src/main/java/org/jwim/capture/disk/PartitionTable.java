package org.jwim.capture.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jwim.common.Warning;

/**
 * The partitions of a disk in table order: MBR (with extended/logical partitions), GPT (with
 * header and entry CRC checks and the backup header as fallback), or none (a bare volume).
 */
public record PartitionTable(Scheme scheme, int sectorSize, List<Partition> partitions) {
    /** Partitioning scheme found. */
    public enum Scheme { MBR, GPT, NONE }

    /** Logical partitions followed at most (also stops loops in the EBR chain). */
    static final int MAX_LOGICAL = 128;

    /** Reads sectors of a disk. */
    @FunctionalInterface
    public interface SectorReader {
        /** Reads {@code length} bytes at byte {@code offset}; fails if past the end. */
        byte[] read(long offset, int length) throws IOException;
    }

    public PartitionTable {
        partitions = List.copyOf(partitions);
    }

    /**
     * Parses the table of a disk of {@code diskSize} bytes.
     *
     * @param sectorSize logical sector size if known (a device), or 0 to detect (512 or 4096)
     */
    public static PartitionTable read(SectorReader disk, long diskSize, int sectorSize,
            Consumer<Warning> warnings) throws IOException {
        if (diskSize < 512) {
            throw new DiskFormatException("disk of " + diskSize + " bytes is smaller than one sector");
        }
        byte[] s0 = disk.read(0, 512);
        FileSystemKind bare = Sniffer.sniff(disk.read(0, (int) Math.min(Sniffer.PROBE_SIZE, diskSize)));
        boolean volumeAtZero = bare != FileSystemKind.UNKNOWN && bare != FileSystemKind.UNFORMATTED;
        if (volumeAtZero || !hasMbrSignature(s0)) {
            return new PartitionTable(Scheme.NONE, sectorSize == 0 ? 512 : sectorSize,
                    List.of(new Partition(1, 0, diskSize, "whole disk")));
        }
        ByteBuffer mbr = ByteBuffer.wrap(s0).order(ByteOrder.LITTLE_ENDIAN);
        boolean protective = false;
        for (int i = 0; i < 4; i++) {
            if ((mbr.get(446 + 16 * i + 4) & 0xFF) == 0xEE) {
                protective = true;
            }
        }
        if (protective) {
            List<Integer> sizes = sectorSize != 0 ? List.of(sectorSize) : List.of(512, 4096);
            StringBuilder problems = new StringBuilder();
            for (int ss : sizes) {
                if ((long) ss * 2 > diskSize) {
                    continue;
                }
                try {
                    return new PartitionTable(Scheme.GPT, ss, Gpt.read(disk, diskSize, ss, warnings));
                } catch (Gpt.NotGptException e) {
                    problems.append(problems.length() == 0 ? "" : "; ").append(e.getMessage());
                }
            }
            throw new DiskFormatException("protective MBR but no usable GPT: " + problems);
        }
        int ss = sectorSize == 0 ? 512 : sectorSize;
        return new PartitionTable(Scheme.MBR, ss, readMbr(disk, mbr, diskSize, ss, warnings));
    }

    private static boolean hasMbrSignature(byte[] s0) {
        return (s0[510] & 0xFF) == 0x55 && (s0[511] & 0xFF) == 0xAA;
    }

    private static List<Partition> readMbr(SectorReader disk, ByteBuffer mbr, long diskSize,
            int ss, Consumer<Warning> warnings) throws IOException {
        List<Partition> parts = new ArrayList<>();
        long extended = -1;
        for (int i = 0; i < 4; i++) {
            Entry en = Entry.read(mbr, i);
            if (en == null) {
                continue;
            }
            int type = en.type();
            long start = en.start();
            long count = en.count();
            if (isExtended(type)) {
                if (extended >= 0) {
                    warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                            "MBR entry " + (i + 1) + ": a second extended partition is ignored"));
                } else {
                    extended = start;
                    checkRange("MBR entry " + (i + 1), start * ss, count * ss, diskSize);
                }
                continue;
            }
            parts.add(new Partition(i + 1, start * ss, count * ss, mbrType(type)));
        }
        if (extended >= 0) {
            readLogical(disk, extended, diskSize, ss, parts, warnings);
        }
        for (Partition p : parts) {
            checkRange("partition " + p.number(), p.offset(), p.length(), diskSize);
        }
        checkOverlaps(parts);
        return parts;
    }

    /** Follows the chain of extended boot records, refusing loops and long chains. */
    private static void readLogical(SectorReader disk, long extStart, long diskSize, int ss,
            List<Partition> parts, Consumer<Warning> warnings) throws IOException {
        Set<Long> seen = new HashSet<>();
        long ebr = extStart;
        int number = 5;
        while (true) {
            if (!seen.add(ebr)) {
                throw new DiskFormatException("extended partition chain loops back to sector " + ebr);
            }
            if (seen.size() > MAX_LOGICAL) {
                throw new DiskFormatException("more than " + MAX_LOGICAL + " logical partitions");
            }
            if (ebr * ss + 512 > diskSize) {
                throw new DiskFormatException("extended boot record at sector " + ebr
                        + " lies past the end of the disk");
            }
            ByteBuffer b = ByteBuffer.wrap(disk.read(ebr * ss, 512)).order(ByteOrder.LITTLE_ENDIAN);
            if ((b.get(510) & 0xFF) != 0x55 || (b.get(511) & 0xFF) != 0xAA) {
                warnings.accept(Warning.of(Warning.Kind.DAMAGED, "extended boot record at sector " + ebr
                        + " has no 55AA signature; logical partitions end here"));
                return;
            }
            // Any entry may be a logical partition (Windows and Linux accept two or three per
            // EBR); only an extended-type entry links to the next EBR, and only the first one.
            long next = -1;
            for (int i = 0; i < 4; i++) {
                Entry en = Entry.read(b, i);
                if (en == null) {
                    continue;
                }
                int type = en.type();
                long start = en.start();
                long count = en.count();
                if (isExtended(type)) {
                    if (start == 0) {
                        continue;                   // a link to the chain's start: no more EBRs
                    }
                    if (next < 0) {
                        next = start;
                    } else {
                        warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                                "extended boot record at sector " + ebr + ": entry " + (i + 1)
                                + " is a second link and is ignored"));
                    }
                } else {
                    parts.add(new Partition(number++, (ebr + start) * ss, count * ss, mbrType(type)));
                }
            }
            if (next < 0) {
                return;
            }
            ebr = extStart + next;
        }
    }

    /** One non-empty entry of an MBR or EBR partition table (sectors), or null when empty. */
    private record Entry(int type, long start, long count) {
        static Entry read(ByteBuffer table, int i) {
            int e = 446 + 16 * i;
            int type = table.get(e + 4) & 0xFF;
            long count = table.getInt(e + 12) & 0xFFFF_FFFFL;
            return type == 0 || count == 0 ? null : new Entry(type, table.getInt(e + 8) & 0xFFFF_FFFFL, count);
        }
    }

    /** MBR types of an extended partition: CHS, LBA and Linux extended. */
    private static boolean isExtended(int type) {
        return type == 0x05 || type == 0x0F || type == 0x85;
    }

    static void checkRange(String what, long offset, long length, long diskSize) throws DiskFormatException {
        if (offset <= 0 || length <= 0 || offset > diskSize || length > diskSize - offset) {
            throw new DiskFormatException(what + " [" + offset + ", +" + length
                    + " bytes) lies outside the " + diskSize + "-byte disk");
        }
    }

    static void checkOverlaps(List<Partition> parts) throws DiskFormatException {
        List<Partition> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.comparingLong(Partition::offset));
        for (int i = 1; i < sorted.size(); i++) {
            Partition a = sorted.get(i - 1);
            Partition b = sorted.get(i);
            if (b.offset() < a.end()) {
                throw new DiskFormatException("partitions " + a.number() + " and " + b.number()
                        + " overlap at byte " + b.offset());
            }
        }
    }

    private static String mbrType(int type) {
        String name = switch (type) {
            case 0x07 -> "NTFS/exFAT";
            case 0x0B, 0x0C -> "FAT32";
            case 0x01 -> "FAT12";
            case 0x04, 0x06, 0x0E -> "FAT16";
            case 0x27 -> "Windows RE";
            case 0x83 -> "Linux";
            case 0xEF -> "EFI system";
            default -> "type";
        };
        return String.format("%s (0x%02X)", name, type);
    }
}
