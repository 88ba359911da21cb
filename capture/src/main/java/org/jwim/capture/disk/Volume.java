package org.jwim.capture.disk;

/**
 * A partition (or a whole bare disk) with what was found on it and whether a disk capture
 * takes it.
 *
 * @param index      1-based position in table order
 * @param skipReason why a disk capture skips it, or null when it is captured
 */
public record Volume(int index, Partition partition, FileSystemKind fileSystem, MediaKind media,
        String skipReason) {

    public boolean captured() {
        return skipReason == null;
    }

    public long offset() {
        return partition.offset();
    }

    public long length() {
        return partition.length();
    }

    /** Decides whether a disk capture takes a volume, and says why not. */
    static String skipReason(FileSystemKind fs, MediaKind media) {
        if (media == MediaKind.USB) {
            return "on a USB disk (ConfigMgr skips USB volumes)";
        }
        if (media == MediaKind.REMOVABLE) {
            return "on removable media";
        }
        if (fs.isCaptured()) {
            return null;
        }
        return switch (fs) {
            case FAT12, FAT16 -> fs.label() + " is not captured (only NTFS and FAT32 are, as in ConfigMgr)";
            case UNFORMATTED -> "unformatted";
            case BITLOCKER -> "BitLocker-encrypted (unlock it and capture the unlocked volume)";
            default -> fs.label() + " file system is not captured (only NTFS and FAT32 are)";
        };
    }
}
