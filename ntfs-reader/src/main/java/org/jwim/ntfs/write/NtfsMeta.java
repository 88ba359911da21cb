package org.jwim.ntfs.write;

/**
 * Standard information of a file or directory as written to $STANDARD_INFORMATION and its
 * $FILE_NAME copies. Immutable.
 *
 * @param attributes     FILE_ATTRIBUTE_* bits (the directory bit is implied by the node kind
 *                       and not stored; NTFS-internal bits 0x10000000/0x20000000 are ignored)
 * @param creationTime   100-ns FILETIME
 * @param lastWriteTime  100-ns FILETIME
 * @param changeTime     100-ns FILETIME of the last MFT change
 * @param lastAccessTime 100-ns FILETIME
 */
public record NtfsMeta(int attributes, long creationTime, long lastWriteTime, long changeTime,
        long lastAccessTime) {
    /** Bits that $STANDARD_INFORMATION keeps. */
    static final int STORED = ~(0x10 | 0x1000_0000 | 0x2000_0000);

    public static NtfsMeta of(int attributes, long time) {
        return new NtfsMeta(attributes, time, time, time, time);
    }

    int storedAttributes() {
        return attributes & STORED;
    }
}
