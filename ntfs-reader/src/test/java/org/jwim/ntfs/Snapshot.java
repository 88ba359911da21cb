package org.jwim.ntfs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** A comparable view of a tree: path to kind, size, content hash, inode and named streams. */
final class Snapshot {
    record Node(String path, boolean directory, boolean symlink, long size, String sha1, long inode,
            long mtime, Map<String, String> streams) {
    }

    private Snapshot() {
    }

    /** Walks the reader's tree with an explicit stack; reads at most {@code maxBytes} per stream. */
    static Map<String, Node> ofReader(NtfsVolume vol, long maxBytes) throws IOException {
        Map<String, Node> out = new TreeMap<>();
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {"", vol.root()});
        while (!stack.isEmpty()) {
            Object[] top = stack.pop();
            String path = (String) top[0];
            NtfsFile dir = (NtfsFile) top[1];
            for (NtfsDirEntry e : vol.list(dir)) {
                String p = path + "/" + e.name();
                NtfsFile f = e.file();
                Map<String, String> streams = new TreeMap<>();
                String sha = null;
                long size = 0;
                for (NtfsStream s : f.streams()) {
                    String h = hash(s, maxBytes);
                    if (s.name().isEmpty()) {
                        sha = h;
                        size = s.size();
                    } else {
                        streams.put(s.name(), h);
                    }
                }
                boolean symlink = f.reparseTag() == 0xA000000C || f.reparseTag() == 0xA0000003;
                out.put(p, new Node(p, f.isDirectory() && !symlink, symlink, f.isDirectory() ? 0 : size,
                        f.isDirectory() || symlink ? null : sha == null ? hash(new byte[0]) : sha,
                        f.recordNumber(), f.lastWriteTime(), streams));
                if (f.isDirectory()) {
                    stack.push(new Object[] {p, f});
                }
            }
        }
        return out;
    }

    /** Walks an ntfs-3g mount (streams_interface=xattr: named streams are user.* xattrs). */
    static Map<String, Node> ofMount(Path root) throws IOException {
        Map<String, Node> out = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root)) {
                    out.put(rel(dir), node(dir, attrs));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                out.put(rel(file), node(file, attrs));
                return FileVisitResult.CONTINUE;
            }

            private String rel(Path p) {
                return "/" + root.relativize(p).toString();
            }

            private Node node(Path p, BasicFileAttributes a) throws IOException {
                long ino = ((Number) Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
                Map<String, String> streams = new TreeMap<>();
                String sha = null;
                if (!a.isSymbolicLink()) {
                    UserDefinedFileAttributeView view = Files.getFileAttributeView(p,
                            UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                    for (String name : view.list()) {
                        ByteBuffer bb = ByteBuffer.allocate(view.size(name));
                        view.read(name, bb);
                        streams.put(name, hash(bb.array()));
                    }
                    if (a.isRegularFile()) {
                        try (InputStream in = Files.newInputStream(p)) {
                            sha = hash(in, Long.MAX_VALUE);
                        }
                    }
                }
                long ft = a.lastModifiedTime().toInstant().getEpochSecond() * 10_000_000L
                        + a.lastModifiedTime().toInstant().getNano() / 100 + 116444736000000000L;
                return new Node(rel(p), a.isDirectory(), a.isSymbolicLink(), a.isRegularFile() ? a.size() : 0,
                        sha, ino, ft, streams);
            }
        });
        return out;
    }

    static String hash(NtfsStream s, long maxBytes) throws IOException {
        try (InputStream in = s.open()) {
            return hash(in, maxBytes);
        }
    }

    static String hash(InputStream in, long maxBytes) throws IOException {
        MessageDigest md = sha1();
        byte[] buf = new byte[8192];
        long left = maxBytes;
        int n;
        while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
            md.update(buf, 0, n);
            left -= n;
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String hash(byte[] b) {
        return HexFormat.of().formatHex(sha1().digest(b));
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
