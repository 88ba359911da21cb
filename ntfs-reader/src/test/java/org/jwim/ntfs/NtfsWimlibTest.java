package org.jwim.ntfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tree a capture sees: wimlib-imagex's NTFS-3G capture of the full fixture, listed with
 * {@code dir --detailed}, against the reader's walk (paths, short names, attributes, reparse
 * tags, link counts, and the SHA-1 and size of every data stream and reparse point).
 */
class NtfsWimlibTest {
    @TempDir
    Path tmp;

    @Test
    void readerSeesWhatWimlibCaptures() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path img = Fixtures.image("full", 4096);
        Path wim = tmp.resolve("fixture.wim");
        OracleTools.run("wimlib-imagex", "capture", img.toString(), wim.toString(), "--compress=none");
        String listing = OracleTools.run("wimlib-imagex", "dir", wim.toString(), "1", "--detailed");
        Map<String, String> oracle = parse(listing);
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ)) {
            NtfsVolume vol = NtfsVolume.open(ch, 0, ch.size(), w -> { });
            Map<String, String> mine = describe(vol);
            assertEquals(oracle.keySet(), mine.keySet());
            for (String path : oracle.keySet()) {
                // a name stored once as WIN32_AND_DOS: wimlib gives it as its own short name, jwim
                // an empty one (Microsoft's convention, documented in the README)
                String name = path.substring(path.lastIndexOf('/') + 1);
                assertEquals(oracle.get(path).replace("short=" + name + ";", "short=;"), mine.get(path), path);
            }
        }
    }

    /** Path to "short=..;attr=..;tag=..;links=..;streams" from wimlib's detailed listing. */
    private static Map<String, String> parse(String listing) {
        Map<String, String> out = new TreeMap<>();
        String path = null;
        StringBuilder d = null;
        String stream = null;
        String hash = null;
        for (String line : listing.split("\n")) {
            String l = line.strip();
            if (l.startsWith("Full Path")) {
                if (path != null) {
                    out.put(path, d.toString());
                }
                path = value(l);
                d = new StringBuilder();
                stream = null;
            } else if (path == null) {
                continue;
            } else if (l.startsWith("Short Name")) {
                d.append("short=").append(value(l));
            } else if (l.startsWith("Attributes")) {
                d.append(";attr=").append(l.substring(l.indexOf("0x")));
            } else if (l.startsWith("Reparse Tag")) {
                d.append(";tag=").append(l.substring(l.indexOf("0x")));
            } else if (l.startsWith("Link Count")) {
                d.append(";links=").append(l.substring(l.indexOf('=') + 1).strip());
            } else if (l.startsWith("Unnamed data stream")) {
                stream = "";
            } else if (l.startsWith("Named data stream")) {
                stream = value(l);
            } else if (l.startsWith("Reparse point stream")) {
                stream = "<reparse>";
            } else if (l.startsWith("Hash") && stream != null) {
                hash = l.substring(l.indexOf("0x") + 2);
            } else if (l.startsWith("Uncompressed size") && stream != null) {
                String size = l.substring(l.indexOf('=') + 1).replace("bytes", "").strip();
                if (!size.equals("0")) {      // wimlib lists an empty unnamed stream for every inode
                    d.append(";").append(stream).append('=').append(hash).append('/').append(size);
                }
                stream = null;
            }
        }
        if (path != null) {
            out.put(path, d.toString());
        }
        return out;
    }

    private static String value(String line) {
        return line.substring(line.indexOf('"') + 1, line.lastIndexOf('"'));
    }

    private static Map<String, String> describe(NtfsVolume vol) throws Exception {
        Map<String, String> out = new TreeMap<>();
        out.put("/", describe(vol.root(), ""));
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {"", vol.root()});
        while (!stack.isEmpty()) {
            Object[] top = stack.pop();
            for (NtfsDirEntry e : vol.list((NtfsFile) top[1])) {
                String p = top[0] + "/" + e.name();
                out.put(p, describe(e.file(), e.shortName()));
                if (e.file().isDirectory()) {
                    stack.push(new Object[] {p, e.file()});
                }
            }
        }
        return out;
    }

    private static String describe(NtfsFile f, String shortName) throws Exception {
        StringBuilder d = new StringBuilder("short=").append(shortName);
        d.append(";attr=").append(String.format("0x%08x", f.attributes()));
        if (f.reparseTag() != 0) {
            d.append(";tag=").append(String.format("0x%08x", f.reparseTag()));
        }
        d.append(";links=").append(f.linkCount());
        for (NtfsStream s : f.streams()) {
            if (s.size() != 0) {
                d.append(';').append(s.name()).append('=').append(Snapshot.hash(s, Long.MAX_VALUE))
                        .append('/').append(s.size());
            }
        }
        if (f.reparseData() != null) {
            d.append(";<reparse>=").append(Snapshot.hash(f.reparseData())).append('/').append(f.reparseData().length);
        }
        return d.toString();
    }
}
