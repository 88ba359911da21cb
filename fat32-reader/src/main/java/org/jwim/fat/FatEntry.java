package org.jwim.fat;

import java.io.InputStream;
import java.time.LocalDateTime;
import org.jwim.fat.format.ShortEntry;

/**
 * One file or directory of a {@link FatVolume}: its names, attributes, times and where its
 * data lies. Built by {@link FatVolume#list}; the cluster chain has already been resolved, so
 * {@link #size()} and {@link #extents()} agree. Immutable and thread-safe; {@link #open()}
 * returns an independent stream each time.
 */
public final class FatEntry {
    private final FatVolume volume;
    private final FatEntry parent;
    private final String longName;
    private final boolean hasLongNameEntries;
    private final ShortEntry entry;
    private final long entryOffset;
    private final FatExtents extents;
    private final boolean unreadableDirectory;
    private final int depth;

    FatEntry(FatVolume volume, FatEntry parent, String longName, boolean hasLongNameEntries,
             ShortEntry entry, long entryOffset, FatExtents extents, boolean unreadableDirectory) {
        this.volume = volume;
        this.parent = parent;
        this.longName = longName;
        this.hasLongNameEntries = hasLongNameEntries;
        this.entry = entry;
        this.entryOffset = entryOffset;
        this.extents = extents;
        this.unreadableDirectory = unreadableDirectory;
        this.depth = parent == null ? 0 : parent.depth + 1;
    }

    FatVolume volume() {
        return volume;
    }

    /** The directory holding this entry; null for the root. */
    public FatEntry parent() {
        return parent;
    }

    /** Count of directories above this entry (0 for the root, 1 for its children). */
    public int depth() {
        return depth;
    }

    /** True for the root directory ({@link FatVolume#root()}). */
    public boolean isRoot() {
        return parent == null;
    }

    /**
     * The name to show: the long file name when valid LFN entries precede the short entry,
     * otherwise the short name with the NT lower-case flags applied (e.g. {@code readme.txt}).
     * "" for the root.
     */
    public String longName() {
        return longName;
    }

    /** The 8.3 name as stored, e.g. {@code LONGFI~1.TXT} ("" for the root). */
    public String shortName() {
        return entry == null ? "" : entry.storedName();
    }

    /**
     * True when the entry has long-name entries whose name differs (even only in case) from
     * the stored 8.3 name: Windows then reports a separate short (DOS) name, which a WIM
     * dentry records. False for names stored only as 8.3 (with or without NT case flags).
     */
    public boolean hasDistinctShortName() {
        return hasLongNameEntries && !longName.equals(shortName());
    }

    /** Slash-separated path from the root, e.g. {@code /dir/file.txt}; "/" for the root. */
    public String path() {
        if (parent == null) {
            return "/";
        }
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (FatEntry e = this; e.parent != null; e = e.parent) {
            depth++;
        }
        String[] names = new String[depth];
        int i = depth;
        for (FatEntry e = this; e.parent != null; e = e.parent) {
            names[--i] = e.longName;
        }
        for (String n : names) {
            sb.append('/').append(n);
        }
        return sb.toString();
    }

    public boolean isDirectory() {
        return entry == null || entry.isDirectory();
    }

    /**
     * True for a directory whose clusters are shared with another entry or an ancestor (a
     * cycle or cross-link), or that is nested deeper than {@link FatVolume#MAX_DIRECTORY_DEPTH}
     * (reported when listed): {@link FatVolume#list} returns nothing for it.
     */
    public boolean isUnreadableDirectory() {
        return unreadableDirectory;
    }

    /**
     * Raw attribute byte; its bits are the Windows FILE_ATTRIBUTE_* values (0x01 read-only,
     * 0x02 hidden, 0x04 system, 0x10 directory, 0x20 archive). 0x10 for the root.
     */
    public int attributes() {
        return entry == null ? ShortEntry.ATTR_DIRECTORY : entry.attributes();
    }

    public boolean isReadOnly() {
        return (attributes() & ShortEntry.ATTR_READ_ONLY) != 0;
    }

    public boolean isHidden() {
        return (attributes() & ShortEntry.ATTR_HIDDEN) != 0;
    }

    public boolean isSystem() {
        return (attributes() & ShortEntry.ATTR_SYSTEM) != 0;
    }

    public boolean isArchive() {
        return (attributes() & ShortEntry.ATTR_ARCHIVE) != 0;
    }

    /**
     * Readable size in bytes: the directory entry's size, or less when the cluster chain is
     * damaged (a warning was reported); always 0 for directories.
     */
    public long size() {
        return isDirectory() ? 0 : extents.totalLength();
    }

    /** The size recorded in the directory entry (u32), whatever the chain holds. */
    public long declaredSize() {
        return entry == null ? 0 : entry.size();
    }

    /** Creation time with 10 ms precision, local time without zone; null when not recorded. */
    public LocalDateTime creationTime() {
        return entry == null ? null
                : FatTimes.decode(entry.createDate(), entry.createTime(), entry.createTenths());
    }

    /** Last write time (2 s precision), local time; null when not recorded. */
    public LocalDateTime lastWriteTime() {
        return entry == null ? null : FatTimes.decode(entry.writeDate(), entry.writeTime(), 0);
    }

    /** Last access date at midnight, local time; null when not recorded. */
    public LocalDateTime lastAccessDate() {
        return entry == null ? null : FatTimes.decode(entry.accessDate(), 0, 0);
    }

    /** First cluster as stored (0 for empty files and for the FAT12/16 root). */
    public long firstCluster() {
        return entry == null ? volume.rootCluster() : entry.firstCluster();
    }

    /**
     * The file's data as absolute channel byte ranges covering exactly {@link #size()} bytes;
     * empty for directories and empty files.
     */
    public FatExtents extents() {
        return isDirectory() ? FatExtents.EMPTY : extents;
    }

    /** Directory clusters (whole clusters, or the fixed FAT12/16 root region). */
    FatExtents directoryExtents() {
        return extents;
    }

    /** Absolute byte offset of the first data byte, the sort key for reading in physical order; -1 when empty. */
    public long firstPhysicalOffset() {
        FatExtents x = extents();
        return x.count() == 0 ? -1 : x.start(0);
    }

    /** Absolute byte offset of the 32-byte short directory entry; -1 for the root. A stable id. */
    public long entryOffset() {
        return entryOffset;
    }

    /** A new stream over the file's {@link #size()} bytes; positional reads, independent of others. */
    public InputStream open() {
        if (isDirectory()) {
            throw new IllegalStateException(path() + " is a directory");
        }
        return new ExtentInputStream(volume.channel(), extents);
    }

    @Override
    public String toString() {
        return path() + (isDirectory() ? "/" : " (" + size() + " bytes)");
    }
}
