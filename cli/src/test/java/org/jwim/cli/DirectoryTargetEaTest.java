package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jwim.capture.testing.OracleTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extended attributes captured from a raw NTFS volume are applied to a directory on an ntfs-3g
 * mount through {@code system.ntfs_ea}; elsewhere one warning says they were not.
 */
class DirectoryTargetEaTest {
    /** $EA with "$LXUID" = 1000 and "APP.X" = "value" flagged NEED_EA, as ntfs-3g takes it. */
    private static final String EA = "1400000000060400244c5855494400e803000000" + "1400000080050500"
            + "4150502e580076616c756500";

    @TempDir
    Path tmp;

    private Path volume(String name, Path mnt) throws Exception {
        Path img = tmp.resolve(name);
        OracleTools.run(null, "truncate", "-s", "16M", img.toString());
        OracleTools.run(null, "mkntfs", "-F", "-q", "-f", img.toString());
        Files.createDirectories(mnt);
        OracleTools.run(null, "ntfs-3g", img.toString(), mnt.toString());
        return img;
    }

    @Test
    void easReachAnNtfs3gMountAndAreReportedElsewhere() throws Exception {
        for (String tool : new String[] {"mkntfs", "ntfs-3g", "setfattr", "getfattr"}) {
            OracleTools.requireTool(tool);
        }
        OracleTools.requireRoot();
        Path src = tmp.resolve("src");
        Path img = volume("src.img", src);
        try {
            Files.createDirectories(src.resolve("dir"));
            Files.writeString(src.resolve("dir/file.txt"), "data\n");
            for (String f : new String[] {"dir", "dir/file.txt"}) {
                OracleTools.run(null, "setfattr", "-n", "system.ntfs_ea", "-v", "0x" + EA, src.resolve(f).toString());
            }
        } finally {
            OracleTools.run(null, "umount", src.toString());
        }
        Path wim = tmp.resolve("ea.wim");
        Jwim.ok("capture", img, wim, "--compress=none");

        Path dst = tmp.resolve("dst");
        volume("dst.img", dst);
        try {
            Jwim.Result r = Jwim.run("apply", wim, "1", dst.resolve("applied"));
            assertEquals(Main.WARNINGS, r.exit(), r.toString());        // the security descriptors
            assertTrue(!r.err().contains("extended attributes"), r.toString());
            for (String f : new String[] {"dir", "dir/file.txt"}) {
                String got = OracleTools.run(null, "getfattr", "--absolute-names", "-e", "hex", "-n",
                        "system.ntfs_ea", dst.resolve("applied").resolve(f).toString());
                assertTrue(got.contains("system.ntfs_ea=0x" + EA + "\n"), f + ": " + got);
            }
        } finally {
            OracleTools.run(null, "umount", dst.toString());
        }
        Jwim.Result plain = Jwim.run("apply", wim, "1", tmp.resolve("plain"));
        assertEquals(Main.WARNINGS, plain.exit(), plain.toString());
        assertTrue(plain.err().contains("2 file(s)' extended attributes not applied"), plain.toString());
    }
}
