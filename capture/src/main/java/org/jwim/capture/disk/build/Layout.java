package org.jwim.capture.disk.build;

import java.util.ArrayList;
import java.util.List;

/**
 * Places partitions on a disk as Windows and parted do: every partition starts on a 1 MiB
 * boundary, sizes are rounded up to whole sectors, a size of 0 takes what is left (up to the
 * last usable sector). MBR logical partitions (the fifth and later) each get their EBR in the
 * MiB before them, inside one extended partition that starts where the fourth would.
 */
final class Layout {
    static final long ALIGN = 1L << 20;
    /** GPT entry array: 128 entries of 128 bytes, as every tool writes. */
    static final int GPT_ENTRIES = 128;
    static final int GPT_ENTRY_SIZE = 128;

    private Layout() {
    }

    /** Sectors the GPT entry array fills. */
    static long gptArraySectors(int sectorSize) {
        return ((long) GPT_ENTRIES * GPT_ENTRY_SIZE + sectorSize - 1) / sectorSize;
    }

    /** Last sector a partition may use. */
    static long lastUsable(boolean gpt, long diskSize, int sectorSize) {
        long last = diskSize / sectorSize - 1;
        return gpt ? last - gptArraySectors(sectorSize) - 1 : last;
    }

    /**
     * Places {@code specs} in order.
     *
     * @throws IllegalArgumentException when they do not fit, or an MBR partition would reach
     *         beyond 2 TiB of 512-byte sectors (the 32-bit LBA limit)
     */
    static List<Placed> place(boolean gpt, long diskSize, int sectorSize, List<PartitionSpec> specs) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("a disk needs at least one partition");
        }
        if (gpt && specs.size() > GPT_ENTRIES) {
            throw new IllegalArgumentException("a GPT holds at most " + GPT_ENTRIES + " partitions");
        }
        long alignSectors = ALIGN / sectorSize;
        long last = lastUsable(gpt, diskSize, sectorSize);
        List<Placed> out = new ArrayList<>();
        long next = alignSectors;
        for (int i = 0; i < specs.size(); i++) {
            PartitionSpec s = specs.get(i);
            boolean logical = !gpt && specs.size() > 4 && i >= 3;
            if (logical) {
                next += alignSectors;                   // the EBR's MiB
            }
            long first = next;
            long sectors = s.size() == 0 ? last - first + 1 : (s.size() + sectorSize - 1) / sectorSize;
            if (s.size() == 0 && i != specs.size() - 1) {
                throw new IllegalArgumentException("only the last partition may take the rest of the disk");
            }
            if (sectors <= 0 || first + sectors - 1 > last) {
                throw new IllegalArgumentException("partition " + (i + 1) + " (" + s.size() + " bytes at sector "
                        + first + ") does not fit on a " + diskSize + "-byte disk");
            }
            if (!gpt && first + sectors > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("partition " + (i + 1) + " reaches beyond the 2^32 sectors"
                        + " an MBR can address; use GPT");
            }
            int number = logical ? 5 + (i - 3) : i + 1;
            out.add(new Placed(number, first, sectors, s));
            next = (first + sectors + alignSectors - 1) / alignSectors * alignSectors;
        }
        return out;
    }
}
