package org.jwim.capture.disk;

/** What a volume's boot sector says it holds. */
public enum FileSystemKind {
    NTFS("NTFS"),
    FAT32("FAT32"),
    FAT16("FAT16"),
    FAT12("FAT12"),
    EXFAT("exFAT"),
    EXT("ext2/3/4"),
    BITLOCKER("BitLocker"),
    UNFORMATTED("unformatted"),
    UNKNOWN("unknown");

    private final String label;

    FileSystemKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * True for the file systems a disk capture keeps. Like ConfigMgr, only NTFS and FAT32:
     * FAT12/16 volumes are skipped with a stated reason.
     */
    public boolean isCaptured() {
        return this == NTFS || this == FAT32;
    }

    /** True for FAT12, FAT16 and FAT32. */
    public boolean isFat() {
        return this == FAT32 || this == FAT16 || this == FAT12;
    }
}
