package org.jwim.fat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jwim.common.Warning;

/** Compares everything the reader sees with mtools' view of images made by make-fixture.sh. */
class FatOracleTest {
    /** mtools' default code page for 8.3 names. */
    private static final Charset CP850 = Charset.forName("IBM850");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"fat32", "fat16", "fat12"})
    void fsckIsCleanOnFixture(String type) throws Exception {
        Path img = OracleTools.fixture(type);
        OracleTools.requireTool("fsck.fat");
        String out = OracleTools.run(List.of("fsck.fat", "-n", img.toString()));
        assertTrue(out.contains("2078 files"), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fat32", "fat16", "fat12"})
    void pathsSizesAndContentMatchMcopy(String type) throws Exception {
        Path img = OracleTools.fixture(type);
        Path out = Files.createDirectory(tmp.resolve("out"));
        OracleTools.run(List.of("mcopy", "-s", "-n", "-i", img.toString(), "::/*", out + "/"));
        Map<String, String> expected = new TreeMap<>();
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.equals(out)) {
                    continue;
                }
                String rel = "/" + out.relativize(p).toString();
                if (Files.isDirectory(p)) {
                    expected.put(rel, "dir");
                } else {
                    try (InputStream in = Files.newInputStream(p)) {
                        expected.put(rel, Files.size(p) + " " + TreeWalk.sha1(in));
                    }
                }
            }
        }
        List<Warning> warnings = new ArrayList<>();
        Map<String, String> actual = new TreeMap<>();
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ)) {
            FatVolume vol = FatVolume.open(ch, 0, ch.size(), warnings::add, CP850);
            assertEquals(type.toUpperCase(), vol.type().name());
            for (FatEntry e : TreeWalk.all(vol)) {
                if (e.isDirectory()) {
                    actual.put(e.path(), "dir");
                } else {
                    assertEquals(e.declaredSize(), e.size(), e.path());
                    assertEquals(e.size(), e.extents().totalLength(), e.path());
                    try (InputStream in = e.open()) {
                        actual.put(e.path(), e.size() + " " + TreeWalk.sha1(in));
                    }
                }
            }
        }
        assertEquals(List.of(), warnings);
        assertTrue(actual.size() > 2050, "entries: " + actual.size());
        assertEquals(expected, actual);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fat32", "fat16"})
    void pagedFatGivesTheSameTree(String type) throws Exception {
        Path img = OracleTools.fixture(type);
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ)) {
            Map<String, String> whole = describe(FatVolume.open(ch, 0, ch.size(), w -> { }, CP850));
            FatVolume.fatPaging = new int[] {100, 64, 4}; // 4 pages of 64 entries: constant eviction
            Map<String, String> paged;
            try {
                paged = describe(FatVolume.open(ch, 0, ch.size(), w -> { }, CP850));
            } finally {
                FatVolume.fatPaging = null;
            }
            assertEquals(whole, paged);
            assertTrue(whole.size() > 2000);
        }
    }

    private static Map<String, String> describe(FatVolume vol) throws IOException {
        Map<String, String> m = new TreeMap<>();
        for (FatEntry e : TreeWalk.all(vol)) {
            m.put(e.path(), e.size() + " " + e.extents() + " " + e.directoryExtents());
        }
        return m;
    }

    private static final Pattern HEADER = Pattern.compile("^Directory for ::(.*)$");
    private static final Pattern LINE = Pattern.compile(
            "^(.{8}) (.{3}) +(?:<DIR>|[0-9 ]+) +\\d{4}-\\d\\d-\\d\\d +\\d{1,2}:\\d\\d(?: (?: (.*))?)?$");

    @ParameterizedTest
    @ValueSource(strings = {"fat32", "fat16", "fat12"})
    void shortNamesMatchMdir(String type) throws Exception {
        Path img = OracleTools.fixture(type);
        String listing = OracleTools.run(List.of("mdir", "-/", "-a", "-i", img.toString(), "::/"));
        // path -> "SHORT|long-or-empty" as mdir shows them
        Map<String, String> mdir = new HashMap<>();
        String dir = null;
        for (String line : listing.split("\n")) {
            Matcher h = HEADER.matcher(line);
            if (h.matches()) {
                dir = h.group(1).equals("/") ? "/" : h.group(1) + "/";
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (dir == null || !m.matches()) {
                continue;
            }
            String base = m.group(1).stripTrailing();
            String ext = m.group(2).stripTrailing();
            if (base.equals(".") || base.equals("..")) {
                continue;
            }
            String shortName = ext.isEmpty() ? base : base + "." + ext;
            String lfn = m.group(3);
            String name = lfn == null ? shortName : lfn;
            mdir.put(dir + name, shortName + "|" + (lfn == null ? "" : lfn));
        }
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ)) {
            FatVolume vol = FatVolume.open(ch, 0, ch.size(), w -> { }, CP850);
            List<FatEntry> all = TreeWalk.all(vol);
            assertEquals(mdir.size(), all.size());
            int distinct = 0;
            for (FatEntry e : all) {
                String m = mdir.get(e.path());
                assertNotNull(m, "mdir does not show " + e.path());
                String[] parts = m.split("\\|", -1);
                if (parts[1].isEmpty()) {
                    // stored as 8.3 only: mdir shows the name with NT case flags applied
                    assertEquals(parts[0], e.longName(), e.path());
                    assertFalse(e.hasDistinctShortName(), e.path());
                    assertEquals(parts[0].toUpperCase(java.util.Locale.ROOT), e.shortName(), e.path());
                } else {
                    assertEquals(parts[0], e.shortName(), e.path());
                    assertTrue(e.hasDistinctShortName(), e.path());
                    distinct++;
                }
            }
            assertTrue(distinct > 1000, "entries with a long name: " + distinct);
        }
    }
}
