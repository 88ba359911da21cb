package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TestTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jwim make-disk}: the UEFI and BIOS layouts from a WIM, and a custom layout from
 * directories; {@code jwim capture-disk} of each built disk gives the sources back.
 */
class MakeDiskCliTest {
    @TempDir
    Path tmp;

    private Path twoImageWim() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a/EFI/Boot"));
        Files.writeString(a.resolve("bootx64.txt"), "no boot code here");
        Path b = Files.createDirectories(tmp.resolve("b/Windows/System32"));
        Files.write(b.resolve("big.bin"), TestTrees.pattern(TestTrees.BIG_SIZE, 5));
        Files.writeString(tmp.resolve("b/Ünïcödé.txt"), "u");
        Path wim = tmp.resolve("src.wim");
        Jwim.ok("capture", tmp.resolve("a"), wim, "esp");
        Jwim.ok("append", tmp.resolve("b"), wim, "windows");
        return wim;
    }

    @Test
    void uefiAndBiosLayoutsCaptureBackToTheWimsImages() throws Exception {
        Path wim = twoImageWim();
        for (String layout : new String[] {"uefi", "bios"}) {
            Path disk = tmp.resolve(layout + ".img");
            Jwim.Result r = Jwim.ok("make-disk", wim, disk, "--layout", layout);
            assertTrue(r.out().contains("Wrote " + disk), r.out());
            Path cap = tmp.resolve(layout + ".wim");
            Jwim.ok("capture-disk", disk, cap);
            for (int i = 1; i <= 2; i++) {
                String want = Jwim.ok("dir", wim, i).out();
                String got = Jwim.ok("dir", cap, i).out().lines().filter(l -> !l.startsWith("/$")
                        && !l.startsWith("/System Volume Information")).reduce("", (x, y) -> x + y + "\n");
                assertEquals(want, got, layout + " image " + i);
            }
        }
    }

    /**
     * Acceptance 1: the builder needs no tool and no privilege. The CLI runs in a child JVM
     * with an empty PATH and, when the test runs as root, as user nobody (setpriv), reading a
     * copy of the class path; the disks it writes capture back.
     */
    @Test
    void buildsDisksUnprivilegedWithNothingOnThePath() throws Exception {
        Path wim = twoImageWim();
        Path cp = Files.createDirectories(tmp.resolve("cp"));
        List<String> cmd = new ArrayList<>(JwimProcess.command());
        StringBuilder copied = new StringBuilder();
        for (String entry : cmd.get(2).split(File.pathSeparator)) {
            Path from = Path.of(entry);
            if (!Files.exists(from)) {
                continue;
            }
            Path to = cp.resolve(copied.length() + "-" + from.getFileName());
            try (Stream<Path> all = Files.walk(from)) {
                for (Path f : all.toList()) {
                    Files.copy(f, to.resolve(from.relativize(f).toString()));
                }
            }
            copied.append(copied.length() == 0 ? "" : File.pathSeparator).append(to);
        }
        cmd.set(2, copied.toString());
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            cmd.addAll(0, List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
            OracleTools.requireEnvironment(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv missing (root run)");
            try (Stream<Path> all = Files.walk(tmp)) {
                for (Path f : all.toList()) {
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(Files.isDirectory(f) ? "rwxrwxrwx"
                            : "rw-rw-rw-"));
                }
            }
        }
        Path empty = Files.createDirectories(tmp.resolve("empty-path"));
        for (String[] args : List.of(new String[] {"make-disk", wim.toString(), tmp.resolve("gpt.img").toString()},
                new String[] {"make-disk", wim.toString(), tmp.resolve("mbr.img").toString(), "--layout", "bios"},
                new String[] {"make-disk", tmp.resolve("dir.img").toString(), "--from-dir", tmp.resolve("a") + ":fat32",
                        "--from-dir", tmp.resolve("b") + ":ntfs"})) {
            List<String> run = new ArrayList<>(cmd);
            run.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(run).redirectErrorStream(true).directory(tmp.toFile());
            pb.environment().clear();
            pb.environment().put("PATH", empty.toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(p.waitFor(300, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), String.join(" ", run) + "\n" + out);
        }
        for (String disk : new String[] {"gpt.img", "mbr.img", "dir.img"}) {
            if (root) {
                assertEquals("nobody", Files.getOwner(tmp.resolve(disk)).getName(), "written by the unprivileged user");
            }
            Path cap = tmp.resolve(disk + ".wim");
            Jwim.ok("capture-disk", tmp.resolve(disk), cap);
            assertTrue(Jwim.ok("dir", cap, 2).out().contains("/Windows/System32/big.bin\n"), disk);
        }
    }

    @Test
    void fromDirBuildsACustomMbrLayout() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("d/sub"));
        Files.writeString(d.resolve("f.txt"), "x");
        Path disk = tmp.resolve("dirs.img");
        Jwim.ok("make-disk", disk, "--table", "mbr", "--from-dir", tmp.resolve("d") + ":fat32",
                "--from-dir", tmp.resolve("d") + ":ntfs:32M");
        Path cap = tmp.resolve("dirs.wim");
        Jwim.ok("capture-disk", disk, cap);
        assertEquals("/\n/sub\n/sub/f.txt\n", Jwim.ok("dir", cap, 1).out());
        assertTrue(Jwim.ok("dir", cap, 2).out().contains("/sub/f.txt\n"));
    }

    @Test
    void badSpecsAreUsageErrors() throws Exception {
        assertEquals(2, Jwim.run("make-disk", tmp.resolve("x.img")).exit());
        assertEquals(2, Jwim.run("make-disk", tmp.resolve("x.img"), "--from-dir", tmp + ":ext4").exit());
        assertEquals(2, Jwim.run("make-disk", tmp.resolve("x.img"), "--partition", "rest:ntfs").exit());
        Jwim.Result tooSmall = Jwim.run("make-disk", tmp.resolve("x.img"), "--size", "8M", "--partition", "rest:fat32");
        assertEquals(1, tooSmall.exit(), tooSmall.toString());
        assertTrue(tooSmall.err().contains("FAT32 volume needs at least 65525 clusters"), tooSmall.err());
        assertTrue(!Files.exists(tmp.resolve("x.img")));
    }
}
