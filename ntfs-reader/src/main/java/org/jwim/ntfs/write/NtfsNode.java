package org.jwim.ntfs.write;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A file or directory being written by an {@link NtfsWriter}: its MFT record number, names,
 * streams and metadata. Handles are only meaningful to the writer that made them; not
 * thread-safe.
 */
public final class NtfsNode {
    static final int NS_POSIX = 0;
    static final int NS_WIN32 = 1;
    static final int NS_DOS = 2;
    static final int NS_WIN32_AND_DOS = 3;

    /** One $FILE_NAME: the directory holding it, the name and its namespace. */
    record Name(NtfsNode parent, String name, int namespace, NtfsNode file) {
    }

    final long number;
    final boolean directory;
    NtfsMeta meta;
    int securityId;
    byte[] reparse;
    byte[] objectId;
    /** $EA value; null when none. */
    byte[] ea;
    /** The clusters of a non-resident $EA, once written. */
    Runs eaRuns;
    final List<Name> names = new ArrayList<>(1);
    final List<NtfsData> streams = new ArrayList<>(1);
    // directories: the names they hold, and the keys used to refuse clashing names
    final List<Name> entries;
    final Set<String> exactNames;
    final Set<String> upperNames;
    final Set<String> upperWin32Names;

    NtfsNode(long number, boolean directory, NtfsMeta meta) {
        this.number = number;
        this.directory = directory;
        this.meta = meta;
        this.entries = directory ? new ArrayList<>() : null;
        this.exactNames = directory ? new HashSet<>() : null;
        this.upperNames = directory ? new HashSet<>() : null;
        this.upperWin32Names = directory ? new HashSet<>() : null;
    }

    /** MFT record number (the inode number). */
    public long recordNumber() {
        return number;
    }

    public boolean isDirectory() {
        return directory;
    }

    /** Number of hard links (Win32/DOS name pairs count once). */
    int linkCount() {
        int n = 0;
        for (Name nm : names) {
            if (nm.namespace() != NS_DOS) {
                n++;
            }
        }
        return n;
    }

    NtfsData stream(String name) {
        for (NtfsData d : streams) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }
}
