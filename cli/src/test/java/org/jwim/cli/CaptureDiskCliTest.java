package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jwim.capture.testing.OracleTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwim capture-disk} with no arguments: the README's main job on the shipped sample disk. */
class CaptureDiskCliTest {
    @TempDir
    Path tmp;

    @Test
    void noArgumentCaptureDiskCapturesTheSampleDisk() throws Exception {
        Path repo = JwimProcess.repoRoot();
        ProcessBuilder pb = new ProcessBuilder(JwimProcess.command("capture-disk", "--threads", "2"))
                .directory(tmp.toFile()).redirectErrorStream(true);
        pb.environment().put("JWIM_HOME", repo.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("skip: unformatted"), out);
        assertTrue(out.matches("(?s).*5 +\\d+ +\\d+  exFAT .*skip: exFAT.*"), out);
        assertTrue(out.contains("volume 1 -> image 1 \"Volume 1 (FAT32)\""), out);
        assertTrue(out.contains("volume 3 -> image 2 \"Volume 3 (NTFS)\""), out);
        Path wim = tmp.resolve("jwim-sample-disk.wim");
        assertTrue(Files.isRegularFile(wim));
        OracleTools.requireTool("wimlib-imagex");
        OracleTools.run(tmp, "wimlib-imagex", "verify", wim.toString());
        String fat = OracleTools.run(tmp, "wimlib-imagex", "dir", wim.toString(), "1");
        assertTrue(fat.contains("/EFI/Boot/bootx64.txt"), fat);
        String ntfs = OracleTools.run(tmp, "wimlib-imagex", "dir", wim.toString(), "2");
        assertTrue(ntfs.contains("/hello.txt"), ntfs);
    }

    @Test
    void missingDiskIsAOneLineError() throws Exception {
        Jwim.Result r = Jwim.run("capture-disk", tmp.resolve("nope.img"), tmp.resolve("x.wim"));
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().startsWith("jwim: error:"), r.err());
        assertTrue(!Files.exists(tmp.resolve("x.wim")));
    }
}
