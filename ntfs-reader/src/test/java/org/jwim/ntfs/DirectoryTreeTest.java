package org.jwim.ntfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectoryTreeTest {
    private static final NtfsFile[] FILES = new NtfsFile[60];
    private static final char[] UPCASE = new char[65536];

    static {
        for (int i = 0; i < UPCASE.length; i++) {
            UPCASE[i] = Character.toUpperCase((char) i);
        }
    }

    private static long ref(long record, int seq) {
        return record | (long) seq << 48;
    }

    private static void file(long record, boolean dir, FileNameInfo... names) {
        FILES[(int) record] = new NtfsFile(record, 1, dir, dir ? 0x10 : 0x20, new long[4], 0, null,
                new SecurityTable(), List.of(names), List.of(), 0, null, null, null);
    }

    private static FileNameInfo name(long parent, int namespace, String name) {
        return new FileNameInfo(ref(parent, 1), namespace, name);
    }

    private static List<String> names(DirectoryTree t, long dir) {
        List<String> out = new ArrayList<>();
        for (NtfsDirEntry e : t.children(dir)) {
            out.add(e.name() + (e.shortName().isEmpty() ? "" : "|" + e.shortName()) + "#" + e.file().recordNumber());
        }
        return out;
    }

    @Test
    void buildsTheTreeFromParentReferences() {
        file(5, true, name(5, 3, "."));
        file(3, false, name(5, 3, "$Volume"));
        file(11, true, name(5, 3, "$Extend"));
        file(24, false, name(11, 3, "$Quota"));
        file(20, true, name(5, 1, "b"));
        file(21, true, name(20, 3, "x"), name(5, 3, "second-name-of-a-directory"));
        file(30, false, name(5, 1, "Long Name.txt"), name(5, 2, "LONGNA~1.TXT"), name(20, 0, "link"));
        FILES[31] = new NtfsFile(31, 1, false, 0x20, new long[4], 0, null, new SecurityTable(),
                List.of(new FileNameInfo(ref(20, 7), 1, "stale")), List.of(), 0, null, null, null);
        file(40, true, name(41, 1, "loop-a"));
        file(41, true, name(40, 1, "loop-b"));
        file(50, false, name(59, 1, "orphan"));
        file(51, false, name(5, 0, "a"), name(5, 0, "A"), name(5, 1, "_z"), name(5, 1, "Z"));
        List<String> warnings = new ArrayList<>();
        DirectoryTree t = DirectoryTree.build(FILES, UPCASE, new IndexedChildren(null, java.util.Map.of(), warnings::add), warnings::add);

        assertEquals(List.of("A#51", "a#51", "b#20", "Long Name.txt|LONGNA~1.TXT#30", "Z#51", "_z#51"),
                names(t, 5));
        assertEquals(List.of("link#30", "x#21"), names(t, 20));
        assertEquals(List.of("$Quota#24"), names(t, 11), "$Extend has children but is not in the root");
        assertEquals(3, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("second name"), warnings.toString());
        assertTrue(warnings.get(1).contains("sequence 7"), warnings.toString());
        assertTrue(warnings.get(2).contains("parent record 59"), warnings.toString());
        assertEquals(List.of(), names(t, 30), "files have no children");
        assertEquals(List.of(), names(t, 1000));
    }

    @Test
    void walkingFromTheRootTerminatesDespiteLoops() {
        buildsTheTreeFromParentReferences();
        DirectoryTree t = DirectoryTree.build(FILES, UPCASE, new IndexedChildren(null, java.util.Map.of(), w -> { }), w -> { });
        int visited = 0;
        List<Long> stack = new ArrayList<>(List.of(5L));
        while (!stack.isEmpty()) {
            long d = stack.remove(stack.size() - 1);
            for (NtfsDirEntry e : t.children(d)) {
                visited++;
                if (e.file().isDirectory()) {
                    stack.add(e.file().recordNumber());
                }
            }
        }
        assertEquals(8, visited);
    }

    @Test
    void collationUsesTheUpcaseTable() {
        assertTrue(DirectoryTree.compareNames("abc", "ABD", UPCASE) < 0);
        assertTrue(DirectoryTree.compareNames("ab", "ABC", UPCASE) < 0);
        assertTrue(DirectoryTree.compareNames("a", "A", UPCASE) > 0);
        assertEquals(0, DirectoryTree.compareNames("same", "same", UPCASE));
        assertTrue(DirectoryTree.compareNames("_", "a", UPCASE) > 0, "'_' (0x5F) sorts after 'A' (0x41)");
    }
}
