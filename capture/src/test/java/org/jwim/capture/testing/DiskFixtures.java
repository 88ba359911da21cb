package org.jwim.capture.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jwim.capture.testing.OracleTools;

/** Builds the GPT and MBR fixture disks once per test JVM with scripts/disk/make-disks.sh. */
public final class DiskFixtures {
    private static Path dir;

    private DiskFixtures() {
    }

    public static synchronized Path dir() throws Exception {
        for (String tool : new String[] {"sfdisk", "mkfs.fat", "mcopy", "mkntfs", "ntfscp", "mkfs.ext4", "mkfs.exfat"}) {
            OracleTools.requireTool(tool);
        }
        if (dir == null) {
            Path d = Files.createTempDirectory("jwim-disks");
            Path script = repoRoot().resolve("scripts/disk/make-disks.sh");
            OracleTools.run(null, "bash", script.toString(), d.toString());
            d.toFile().deleteOnExit();
            dir = d;
        }
        return dir;
    }

    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts/disk/make-disks.sh"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root from " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
