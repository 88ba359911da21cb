package org.jwim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TestTrees;

/**
 * The material of the raw NTFS kill tests: an old NTFS volume (a protected
 * {@code _SMSTaskSequence} folder and old files), an image of ~150 MB (three large files and
 * many small ones in a few folders), listings (path -> size and SHA-256) of what the volume
 * may hold after an interruption, and a child-JVM apply-disk that can be killed. Files live on
 * /dev/shm when it has room (fsync there is free, which keeps the many runs quick).
 */
final class NtfsKillFixture implements AutoCloseable {
    static final long VOLUME = 320L << 20;
    private static final int BIG = 48 << 20;
    private static final int SMALL_FILES = 800;

    final Path dir;
    final Path wim;
    final Path mnt;
    private final Path src;

    private NtfsKillFixture(Path dir) throws IOException {
        this.dir = dir;
        this.wim = dir.resolve("image.wim");
        this.mnt = Files.createDirectories(dir.resolve("mnt"));
        this.src = Files.createDirectories(dir.resolve("src"));
    }

    /** Builds the image's source tree and its WIM (uncompressed, so the apply is I/O-bound). */
    static NtfsKillFixture create(Path fallback) throws Exception {
        Path shm = Path.of("/dev/shm");
        Path base = Files.isDirectory(shm) && Files.getFileStore(shm).getUsableSpace() > (3L << 30) ? shm : fallback;
        NtfsKillFixture f = new NtfsKillFixture(Files.createTempDirectory(base, "jwim-kill"));
        for (int i = 0; i < 3; i++) {
            Files.write(f.src.resolve("big" + i + ".bin"), TestTrees.pattern(BIG, 100 + i));
        }
        for (int i = 0; i < SMALL_FILES; i++) {
            Path d = Files.createDirectories(f.src.resolve("dir" + (i % 8)).resolve("sub" + (i % 3)));
            Files.write(d.resolve("f" + i + ".txt"), TestTrees.pattern(100 + (i * 7919) % 20_000, 1000 + i));
        }
        Jwim.ok("capture", f.src, f.wim, "--compress=none");
        return f;
    }

    /**
     * An old NTFS volume: {@code _SMSTaskSequence} (a 3 MB package and an environment file) and
     * {@code oldFiles} files of 2 MB in {@code olddir}.
     */
    Path oldVolume(String name, int oldFiles) throws Exception {
        Path vol = dir.resolve(name);
        OracleTools.run(null, "truncate", "-s", Long.toString(VOLUME), vol.toString());
        OracleTools.run(null, "mkntfs", "-Q", "-F", "-q", "-L", "OLD", vol.toString());
        OracleTools.run(null, "ntfs-3g", vol.toString(), mnt.toString());
        try {
            Path ts = Files.createDirectories(mnt.resolve("_SMSTaskSequence/Packages"));
            Files.write(ts.resolve("pkg.cab"), TestTrees.pattern(3_000_000, 11));
            Files.writeString(mnt.resolve("_SMSTaskSequence/TSEnv.dat"), "ts environment\n");
            Path old = Files.createDirectories(mnt.resolve("olddir"));
            for (int i = 0; i < oldFiles; i++) {
                Files.write(old.resolve("old" + i + ".bin"), TestTrees.pattern(2 << 20, 500 + i));
            }
        } finally {
            OracleTools.run(null, "umount", mnt.toString());
        }
        return vol;
    }

    /** What the volume holds after a complete apply: the image plus the protected folder of {@code old}. */
    Map<String, String> expectedNew(Map<String, String> old) throws Exception {
        Map<String, String> m = list(src);
        old.forEach((k, v) -> {
            if (k.startsWith("_SMSTaskSequence")) {
                m.put(k, v);
            }
        });
        return m;
    }

    /** The volume's files (path -> size and SHA-256, directories as "dir"), read through ntfs-3g. */
    Map<String, String> mountedListing(Path vol) throws Exception {
        OracleTools.run(null, "ntfs-3g", "-o", "ro", vol.toString(), mnt.toString());
        try {
            return list(mnt);
        } finally {
            OracleTools.run(null, "umount", mnt.toString());
        }
    }

    /** True when ntfs-3g refuses to mount the volume. */
    boolean unmountable(Path vol) throws Exception {
        OracleTools.Result r = OracleTools.runResult(null, "ntfs-3g", "-o", "ro", vol.toString(), mnt.toString());
        if (r.exit() == 0) {
            OracleTools.run(null, "umount", mnt.toString());
        }
        return r.exit() != 0;
    }

    static Map<String, String> list(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        byte[] buf = new byte[1 << 20];
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String rel = root.relativize(p).toString();
                if (rel.isEmpty() || rel.startsWith("$") || rel.startsWith("System Volume Information")) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    m.put(rel, "dir");
                    continue;
                }
                MessageDigest md = sha256();
                try (InputStream in = Files.newInputStream(p)) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        md.update(buf, 0, n);
                    }
                }
                m.put(rel, Files.size(p) + ":" + HexFormat.of().formatHex(md.digest()));
            }
        }
        return m;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A short description of how {@code got} differs from {@code want}. */
    static String diff(Map<String, String> want, Map<String, String> got) {
        List<String> d = new ArrayList<>();
        for (var e : want.entrySet()) {
            String g = got.get(e.getKey());
            if (!e.getValue().equals(g)) {
                d.add(e.getKey() + (g == null ? " missing" : " differs"));
            }
        }
        for (String k : got.keySet()) {
            if (!want.containsKey(k)) {
                d.add(k + " unexpected");
            }
        }
        return d.size() + " difference(s), first: " + d.subList(0, Math.min(5, d.size()));
    }

    /** Copies {@code from} over {@code to}. */
    static void restore(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Starts {@code jwim apply-disk WIM VOL} in a child JVM, pausing at {@code pause} when not null. */
    Process startApply(Path vol, String pause, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(JwimProcess.command("apply-disk", wim.toString(), vol.toString()));
        if (pause != null) {
            cmd.add(1, "-Djwim.test.ntfsPause=" + pause + (pause.contains(":") ? "" : ":60000"));
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the child's log shows {@code text}; false if it exited first or 60 s passed. */
    static boolean awaitLog(Process p, Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return true;
            }
            if (!p.isAlive()) {
                return false;
            }
            Thread.sleep(10);
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        try {
            OracleTools.runResult(null, "umount", mnt.toString());   // left mounted by a failed check
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
