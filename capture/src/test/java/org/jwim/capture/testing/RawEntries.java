package org.jwim.capture.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jwim.wim.WimFile;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.Inode;

/**
 * Per-path dentry fields at full precision (100-ns times, attribute bits, short names), read
 * from a WIM by jwim's reader and from a volume by a reader independent of jwim: ntfs-3g's
 * {@code system.ntfs_times} ({@code scripts/ntfs/ntfs_times.py}) or a FAT directory-entry
 * decoder ({@code scripts/fat/fat_entries.py}). {@code dir --detailed} prints times to the
 * second only, so these are what make a fidelity claim at 100 ns testable.
 */
public final class RawEntries {
    private RawEntries() {
    }

    /** Path -> "CREATION LAST_WRITE LAST_ACCESS" of every dentry of a WIM image. */
    public static Map<String, String> wimTimes(Path wim, int image) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (Dentry d : dentries(wim, image)) {
            out.put(d.path(), times(d.inode()));
        }
        return out;
    }

    /** Path -> "SHORT<TAB>ATTRIBUTES<TAB>CREATION LAST_WRITE LAST_ACCESS", the root left out. */
    public static Map<String, String> wimFatFields(Path wim, int image) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (Dentry d : dentries(wim, image)) {
            if (d.parent() != null) {
                out.put(d.path(), d.shortName() + "\t" + String.format("0x%08x", d.inode().attributes()) + "\t"
                        + times(d.inode()));
            }
        }
        return out;
    }

    /** The same as {@link #wimTimes} for every entry of an NTFS image, mounted read-only at {@code mnt}. */
    public static Map<String, String> ntfsTimes(Path img, Path mnt) throws Exception {
        for (String tool : new String[] {"ntfs-3g", "python3"}) {
            OracleTools.requireTool(tool);
        }
        OracleTools.requireRoot();
        Files.createDirectories(mnt);
        OracleTools.run(null, "ntfs-3g", "-o", "ro", img.toString(), mnt.toString());
        try {
            return parse(OracleTools.run(null, "python3", script("scripts/ntfs/ntfs_times.py"), mnt.toString()));
        } finally {
            OracleTools.run(null, "umount", mnt.toString());
        }
    }

    /**
     * The same as {@link #wimFatFields} for a FAT image; {@code stamp} first writes distinct
     * sub-second creation times into every entry of the image.
     */
    public static Map<String, String> fatFields(Path img, boolean stamp) throws Exception {
        OracleTools.requireTool("python3");
        String listing = stamp
                ? OracleTools.run(null, "python3", script("scripts/fat/fat_entries.py"), img.toString(), "--stamp")
                : OracleTools.run(null, "python3", script("scripts/fat/fat_entries.py"), img.toString());
        return parse(listing);
    }

    /** Paths of {@code actual} whose value differs from (or is missing in) {@code expected}, at most 10. */
    public static List<String> diffs(Map<String, String> expected, Map<String, String> actual) {
        List<String> out = new ArrayList<>();
        actual.forEach((path, got) -> {
            String want = expected.get(path);
            if (!got.equals(want) && out.size() < 10) {
                out.add(path + ": expected " + want + ", got " + got);
            }
        });
        return out;
    }

    private static List<Dentry> dentries(Path wim, int image) throws Exception {
        List<Dentry> out = new ArrayList<>();
        try (WimFile f = WimFile.open(wim)) {
            ArrayDeque<Dentry> stack = new ArrayDeque<>();
            stack.push(f.readImage(image).root());
            while (!stack.isEmpty()) {
                Dentry d = stack.pop();
                out.add(d);
                d.children().forEach(stack::push);
            }
        }
        return out;
    }

    private static String times(Inode in) {
        return in.creationTime() + " " + in.lastWriteTime() + " " + in.lastAccessTime();
    }

    private static Map<String, String> parse(String listing) {
        Map<String, String> out = new TreeMap<>();
        for (String line : listing.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                out.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return out;
    }

    private static String script(String relative) {
        return DiskFixtures.repoRoot().resolve(relative).toString();
    }
}
