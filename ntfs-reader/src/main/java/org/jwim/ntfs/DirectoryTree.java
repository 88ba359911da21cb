package org.jwim.ntfs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jwim.common.Warning;

/**
 * Children of every directory, built from the parent references of all $FILE_NAME attributes
 * (one pass over the already-read MFT), then checked against the records each directory's
 * $I30 index lists: a record the index does not list is left out with a warning, as Windows
 * never sees it. A directory is placed under one parent only, so the structure reachable
 * from the root is a tree.
 */
final class DirectoryTree {
    private final List<NtfsDirEntry>[] children;

    private DirectoryTree(List<NtfsDirEntry>[] children) {
        this.children = children;
    }

    List<NtfsDirEntry> children(long record) {
        if (record < 0 || record >= children.length || children[(int) record] == null) {
            return List.of();
        }
        return children[(int) record];
    }

    static DirectoryTree build(NtfsFile[] files, char[] upcase, IndexedChildren indexed, Consumer<Warning> warnings) {
        @SuppressWarnings({"unchecked", "rawtypes"})       // generic array: one slot per record
        List<NtfsDirEntry>[] lists = new List[files.length];
        boolean[] placed = new boolean[files.length];
        for (NtfsFile f : files) {
            if (f == null || f.recordNumber() == NtfsVolume.ROOT) {
                continue;
            }
            long r = f.recordNumber();
            List<FileNameInfo> names = f.names();
            for (FileNameInfo n : names) {
                if (n.namespace() == FileNameInfo.NAMESPACE_DOS) {
                    continue;
                }
                long parent = n.parentRecord();
                if (parent == NtfsVolume.ROOT && r < NtfsVolume.FIRST_USER_RECORD) {
                    continue;                              // system file
                }
                NtfsFile p = parent < files.length ? files[(int) parent] : null;
                if (p == null || !p.isDirectory() || parent == r) {
                    warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                            "MFT record " + r + ": name \"" + n.name() + "\" refers to parent record "
                            + parent + " which is not a directory in use; name skipped"));
                    continue;
                }
                if (n.parentSequence() != 0 && n.parentSequence() != p.sequenceNumber()) {
                    warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                            "MFT record " + r + ": name \"" + n.name() + "\" refers to parent "
                            + parent + " sequence " + n.parentSequence() + " but the record has sequence "
                            + p.sequenceNumber() + "; name skipped"));
                    continue;
                }
                if (f.isDirectory()) {
                    if (placed[(int) r]) {
                        warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                                "MFT record " + r + ": directory has a second name \"" + n.name()
                                + "\"; only the first is used"));
                        continue;
                    }
                    placed[(int) r] = true;
                }
                String shortName = "";
                if (n.namespace() == FileNameInfo.NAMESPACE_WIN32) {
                    for (FileNameInfo d : names) {
                        if (d.namespace() == FileNameInfo.NAMESPACE_DOS && d.parentRecord() == parent) {
                            shortName = d.name();
                            break;
                        }
                    }
                }
                if (lists[(int) parent] == null) {
                    lists[(int) parent] = new ArrayList<>();
                }
                lists[(int) parent].add(new NtfsDirEntry(n.name(), shortName, f));
            }
        }
        Comparator<NtfsDirEntry> order = (a, b) -> compareNames(a.name(), b.name(), upcase);
        for (int i = 0; i < lists.length; i++) {
            if (lists[i] != null) {
                List<NtfsDirEntry> l = lists[i];
                Set<Long> listed = indexed.listed(i);
                if (listed != null) {
                    int dir = i;
                    l.removeIf(e -> {
                        boolean orphan = !listed.contains(e.file().recordNumber());
                        if (orphan) {
                            warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                                    "MFT record " + e.file().recordNumber() + ": \"" + e.name()
                                    + "\" names directory record " + dir + " as its parent, but that directory's"
                                    + " index does not list it; left out (Windows does not see it either)"));
                        }
                        return orphan;
                    });
                }
                l.sort(order);
                lists[i] = List.copyOf(l);
            }
        }
        return new DirectoryTree(lists);
    }

    /** NTFS collation of file names: by upcased UTF-16 unit, then ordinal for names equal so. */
    static int compareNames(String a, String b, char[] upcase) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = upcase[a.charAt(i)];
            char y = upcase[b.charAt(i)];
            if (x != y) {
                return x - y;
            }
        }
        if (a.length() != b.length()) {
            return a.length() - b.length();
        }
        return a.compareTo(b);
    }
}
