package org.jwim.fat.write;

import java.time.LocalDateTime;

/**
 * What a new directory entry records besides its name and data. FAT keeps local times without
 * a zone: the caller converts (capture reads FAT times as UTC by default). Times outside
 * 1980..2107 and null are stored as "not recorded" (zero date).
 *
 * @param attributes read-only 0x01, hidden 0x02, system 0x04, archive 0x20 (other bits ignored;
 *                   the directory bit is set by the writer)
 * @param created    creation time, kept to 10 ms
 * @param written    last write time, kept to 2 s
 * @param accessed   last access date (the time of day is dropped)
 */
public record EntryMeta(int attributes, LocalDateTime created, LocalDateTime written,
                        LocalDateTime accessed) {
    /** Attribute bits a FAT entry can carry besides directory. */
    public static final int FAT_ATTRIBUTES = 0x27;

    /** Archive bit set, no times. */
    public static EntryMeta plain() {
        return new EntryMeta(0x20, null, null, null);
    }
}
