package org.jwim.fat;

/**
 * The FAT variant, decided (as the Microsoft specification requires) by the count of data
 * clusters only: fewer than 4085 is FAT12, fewer than 65525 is FAT16, otherwise FAT32.
 */
public enum FatType {
    FAT12(12, 0xFF8, 0xFF7),
    FAT16(16, 0xFFF8, 0xFFF7),
    FAT32(32, 0x0FFF_FFF8, 0x0FFF_FFF7);

    private final int bits;
    private final int endOfChainMin;
    private final int badCluster;

    FatType(int bits, int endOfChainMin, int badCluster) {
        this.bits = bits;
        this.endOfChainMin = endOfChainMin;
        this.badCluster = badCluster;
    }

    /** Width of a FAT entry in bits (FAT32 entries hold 28 significant bits). */
    public int bits() {
        return bits;
    }

    /** Smallest entry value meaning "end of chain". */
    public int endOfChainMin() {
        return endOfChainMin;
    }

    /** Entry value marking a bad cluster. */
    public int badCluster() {
        return badCluster;
    }

    /** The type for a count of data clusters. */
    public static FatType forClusterCount(long clusterCount) {
        if (clusterCount < 4085) {
            return FAT12;
        }
        return clusterCount < 65525 ? FAT16 : FAT32;
    }
}
