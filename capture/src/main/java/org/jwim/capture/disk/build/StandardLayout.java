package org.jwim.capture.disk.build;

/**
 * The two layouts ConfigMgr's "Format and Partition Disk" step and Windows setup make. UEFI:
 * GPT with an EFI system partition (FAT32, 100 MiB; 260 MiB on 4 KiB sectors, the smallest
 * FAT32 there), a 16 MiB Microsoft reserved partition and a Windows NTFS partition filling
 * the rest. BIOS: MBR with an active 500 MiB NTFS "System Reserved" partition and a Windows
 * NTFS partition filling the rest. No boot code is written in either.
 */
public enum StandardLayout {
    UEFI,
    BIOS;

    /** Bytes of the disk outside the Windows partition (its partitions, alignment and table). */
    public long fixedBytes(int sectorSize) {
        long gptTail = 1L << 20;                       // backup GPT, rounded to the MiB grid
        return this == UEFI ? (1L << 20) + espSize(sectorSize) + (16L << 20) + gptTail : (1L << 20) + (500L << 20);
    }

    private static long espSize(int sectorSize) {
        return sectorSize == 4096 ? 260L << 20 : 100L << 20;
    }

    /**
     * A builder for a disk of {@code size} bytes in this layout.
     *
     * @param system  content of the ESP (UEFI) or the system partition (BIOS)
     * @param windows content of the Windows partition
     */
    public DiskBuilder builder(long size, int sectorSize, VolumeContent system, VolumeContent windows) {
        if (this == UEFI) {
            return DiskBuilder.gpt(size).sectorSize(sectorSize)
                    .partition(PartitionSpec.esp(espSize(sectorSize)).label("SYSTEM").content(system))
                    .partition(PartitionSpec.msr(16L << 20))
                    .partition(PartitionSpec.ntfs(0).label("Windows").content(windows));
        }
        return DiskBuilder.mbr(size).sectorSize(sectorSize)
                .partition(PartitionSpec.ntfs(500L << 20).label("System Reserved").markActive().content(system))
                .partition(PartitionSpec.ntfs(0).label("Windows").content(windows));
    }
}
