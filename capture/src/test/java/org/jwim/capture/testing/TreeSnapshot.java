package org.jwim.capture.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jwim.wim.blob.Sha1;

/**
 * A comparable description of a host directory tree: for each relative path its type, content
 * hash or link target, last-write second, and (for hard links) the sorted list of all names of
 * the same file. Never follows links.
 */
public final class TreeSnapshot {
    private TreeSnapshot() {
    }

    /** path -> description; with {@code times} the mtime in whole seconds is included. */
    public static Map<String, String> of(Path root, boolean times) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Map<Object, List<String>> byKey = new HashMap<>();
        Map<String, Object> keyOf = new HashMap<>();
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(all::add);
        }
        for (Path p : all) {
            if (p.equals(root)) {
                continue;
            }
            String rel = root.relativize(p).toString();
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String d;
            if (a.isSymbolicLink()) {
                d = "link->" + Files.readSymbolicLink(p);
            } else if (a.isDirectory()) {
                d = "dir";
            } else {
                d = "file " + a.size() + " " + sha1(p);
                if (a.fileKey() != null) {
                    byKey.computeIfAbsent(a.fileKey(), k -> new ArrayList<>()).add(rel);
                    keyOf.put(rel, a.fileKey());
                }
            }
            if (times && !a.isSymbolicLink()) {
                d += " mtime=" + a.lastModifiedTime().toInstant().getEpochSecond();
            }
            out.put(rel, d);
        }
        for (Map.Entry<String, Object> e : keyOf.entrySet()) {
            List<String> names = byKey.get(e.getValue());
            if (names.size() > 1) {
                List<String> sorted = new ArrayList<>(names);
                sorted.sort(null);
                out.put(e.getKey(), out.get(e.getKey()) + " links=" + sorted);
            }
        }
        return out;
    }

    public static String sha1(Path file) throws IOException {
        MessageDigest md = Sha1.newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
