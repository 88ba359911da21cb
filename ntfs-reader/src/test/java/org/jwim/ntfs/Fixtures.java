package org.jwim.ntfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Images built once per test JVM by {@code scripts/ntfs/make-fixture.sh} (shared by the test
 * classes, deleted when the JVM exits).
 */
final class Fixtures {
    private static final Map<String, Path> BUILT = new HashMap<>();
    private static Path dir;

    private Fixtures() {
    }

    static Path script() {
        Path p = Path.of("").toAbsolutePath();
        for (int i = 0; i < 3 && p != null; i++, p = p.getParent()) {
            Path s = p.resolve("scripts/ntfs/make-fixture.sh");
            if (Files.isRegularFile(s)) {
                return s;
            }
        }
        throw new IllegalStateException("scripts/ntfs/make-fixture.sh not found above " + Path.of("").toAbsolutePath());
    }

    /** The image of {@code kind} ("full" or "small") with clusters of {@code clusterSize} bytes. */
    static Path image(String kind, int clusterSize) throws IOException, InterruptedException {
        return image(kind, clusterSize, 512);
    }

    /** As {@link #image(String, int)} with {@code sectorSize}-byte sectors (4096 gives 4 KiB records). */
    static synchronized Path image(String kind, int clusterSize, int sectorSize)
            throws IOException, InterruptedException {
        OracleTools.requireRootAndFuse();
        OracleTools.requireTool("mkntfs");
        OracleTools.requireTool("ntfs-3g");
        OracleTools.requireTool("python3");
        String key = kind + "-" + clusterSize + "-" + sectorSize;
        Path img = BUILT.get(key);
        if (img == null) {
            if (dir == null) {
                dir = Files.createTempDirectory("jwim-ntfs-fixtures");
                Path d = dir;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteAll(d)));
            }
            img = dir.resolve(key + ".img");
            OracleTools.run("bash", script().toString(), img.toString(), kind, Integer.toString(clusterSize),
                    Integer.toString(sectorSize));
            BUILT.put(key, img);
        }
        return img;
    }

    private static void deleteAll(Path d) {
        try (var s = Files.list(d)) {
            s.forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at exit
        }
        d.toFile().delete();
    }
}
