package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TreeSnapshot;
import org.jwim.net.NetConfig;
import org.jwim.net.NetPaths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture to and apply from a real Samba share: the WIM written on the share is one wimlib
 * accepts, a second capture replaces it and clears temporaries a killed run left, an apply
 * from the share equals one from a local copy, and a wrong password or share fails in one line.
 */
class SmbShareTest {
    @TempDir
    static Path tmp;
    static SambaServer samba;
    static Path passwordFile;

    @BeforeAll
    static void serve() throws Exception {
        samba = SambaServer.start(tmp.resolve("samba"));
        passwordFile = Files.writeString(tmp.resolve("password"), SambaServer.PASSWORD + "\n");
    }

    @AfterAll
    static void stop() throws Exception {
        if (samba != null) {
            samba.close();
        }
    }

    @Test
    void captureReplacesTheWimOnTheShareAndApplyReadsItBack() throws Exception {
        Path one = HttpApplyTest.tree(tmp.resolve("one"), 1);
        Path two = HttpApplyTest.tree(tmp.resolve("two"), 2);
        String url = samba.url("ref.wim");
        Jwim.ok("capture", "--password-file", passwordFile, one, url, "one");
        Path onShare = samba.share().resolve("ref.wim");
        byte[] first = Files.readAllBytes(onShare);
        Path stale = samba.share().resolve(".ref.wim.jwim-0123abcd.tmp");
        Files.write(stale, new byte[100]); // what a capture killed mid-way leaves
        Jwim.ok("capture", "--password-file", passwordFile, two, url, "two");
        assertFalse(Files.exists(stale), "the stale temporary file is still on the share");
        assertFalse(java.util.Arrays.equals(first, Files.readAllBytes(onShare)), "the WIM was not replaced");
        Jwim.ok("append", "--password-file", passwordFile, one, url, "one");
        Path copy = tmp.resolve("copy.wim");
        Files.copy(onShare, copy);
        OracleTools.requireTool("wimlib-imagex");
        OracleTools.Result v = OracleTools.runResult(null, "wimlib-imagex", "verify", copy.toString());
        assertEquals(0, v.exit(), v::output);

        Path local = tmp.resolve("local");
        Path remote = tmp.resolve("remote");
        Jwim.ok("apply", copy, "all", local);
        Jwim.ok("apply", "--password-file", passwordFile, url, "all", remote);
        assertEquals(TreeSnapshot.of(local, false), TreeSnapshot.of(remote, false));
        try (var s = Files.list(samba.share())) {
            assertEquals(List.of(), s.filter(f -> f.getFileName().toString().startsWith(".ref.wim")).toList(),
                    "a temporary file is left on the share");
        }
        assertArrayEquals(Files.readAllBytes(copy), Files.readAllBytes(onShare));
    }

    @Test
    void killedCaptureLeavesTheOldWimAndTheNextRunClearsItsTemporary() throws Exception {
        Path small = HttpApplyTest.tree(tmp.resolve("small"), 3);
        String url = samba.url("killed.wim");
        Path onShare = samba.share().resolve("killed.wim");
        Jwim.ok("capture", "--password-file", passwordFile, small, url);
        byte[] before = Files.readAllBytes(onShare);
        Path big = WritingChild.bigTree(tmp.resolve("big"));
        ProcessBuilder pb = new ProcessBuilder(JwimProcess.command("capture", big.toString(), url, "--compress=none"))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile());
        pb.environment().put("JWIM_SMB_PASSWORD", SambaServer.PASSWORD); // the password from the environment
        Process p = pb.start();
        boolean sawTemp = WritingChild.awaitTemporaryFile(p, onShare);
        p.destroyForcibly();
        p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(sawTemp, () -> "the child ended before it could be killed");
        assertArrayEquals(before, Files.readAllBytes(onShare), "the WIM on the share changed");
        Jwim.ok("capture", "--password-file", passwordFile, small, url);
        try (var s = Files.list(samba.share())) {
            assertEquals(List.of(), s.filter(f -> f.getFileName().toString().startsWith(".killed.wim")).toList(),
                    "a temporary file is left on the share");
        }
        Jwim.ok("verify", "--password-file", passwordFile, url);
    }

    @Test
    void applyResumesAfterASambaRestart() throws Exception {
        Path big = WritingChild.bigTree(tmp.resolve("restart-src"));
        Path wim = samba.share().resolve("restart.wim");
        Jwim.ok("capture", big, wim, "--compress=none");
        Path target = Files.createDirectories(tmp.resolve("restart-target"));
        Jwim.Result[] result = new Jwim.Result[1];
        Thread apply = new Thread(() -> result[0] = Jwim.run("apply", "--password-file", passwordFile,
                samba.url("restart.wim"), target));
        apply.start();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (apply.isAlive() && fileCount(target) < 4 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(apply.isAlive(), "the apply ended before the restart");
        samba.restart();
        apply.join(120_000);
        assertEquals(0, result[0].exit(), result[0]::toString);
        assertTrue(result[0].err().contains("jwim: warning: " + samba.url("restart.wim") + ": connection lost at byte "),
                result[0]::toString);
        assertEquals(TreeSnapshot.of(big, false), TreeSnapshot.of(target, false));
    }

    private static long fileCount(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void aShareThatRequiresEncryptionIsWrittenAndReadEncrypted() throws Exception {
        Path src = HttpApplyTest.tree(tmp.resolve("secret-src"), 4);
        String url = samba.url("encrypted.wim").replace("/images/", "/secure/");
        Jwim.ok("capture", "--password-file", passwordFile, src, url);
        Path target = tmp.resolve("secret-target");
        Jwim.ok("apply", "--password-file", passwordFile, url, target);
        assertEquals(TreeSnapshot.of(src, false), TreeSnapshot.of(target, false));
    }

    @Test
    void captureDiskToTheShareAndApplyDiskFromItMatchALocalApply() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path disk = tmp.resolve("sample.img");
        try (var in = new org.apache.commons.compress.compressors.xz.XZCompressorInputStream(
                Files.newInputStream(JwimProcess.repoRoot().resolve("samples/sample-disk.img.xz")))) {
            Files.copy(in, disk);
        }
        String url = samba.url("disk.wim");
        Jwim.ok("capture-disk", "--password-file", passwordFile, disk, url);
        Path copy = Files.copy(samba.share().resolve("disk.wim"), tmp.resolve("disk-copy.wim"));
        OracleTools.Result v = OracleTools.runResult(null, "wimlib-imagex", "verify", copy.toString());
        assertEquals(0, v.exit(), v::output);
        Path viaShare = Files.copy(disk, tmp.resolve("via-share.img"));
        Path viaLocal = Files.copy(disk, tmp.resolve("via-local.img"));
        Jwim.ok("apply-disk", "--password-file", passwordFile, url, viaShare);
        Jwim.ok("apply-disk", copy, viaLocal);
        Jwim.ok("capture-disk", viaShare, tmp.resolve("via-share.wim"));
        Jwim.ok("capture-disk", viaLocal, tmp.resolve("via-local.wim"));
        for (String image : List.of("1", "2")) {
            assertEquals(OracleTools.runResult(null, "wimlib-imagex", "dir", tmp.resolve("via-local.wim").toString(), image).output(),
                    OracleTools.runResult(null, "wimlib-imagex", "dir", tmp.resolve("via-share.wim").toString(), image).output());
        }
        assertEquals(blobHashes(tmp.resolve("via-local.wim")), blobHashes(tmp.resolve("via-share.wim")));
    }

    private static java.util.Set<org.jwim.wim.blob.Sha1> blobHashes(Path wim) throws java.io.IOException {
        try (org.jwim.wim.WimFile w = org.jwim.wim.WimFile.open(wim)) {
            java.util.Set<org.jwim.wim.blob.Sha1> set = new java.util.HashSet<>();
            for (org.jwim.wim.BlobInfo b : w.blobs()) {
                if (!b.metadata()) {
                    set.add(b.hash());
                }
            }
            return set;
        }
    }

    /** SMB2 message headers and the logon, not file bytes: at most this much more than the bound. */
    private static final long PROTOCOL_ALLOWANCE = 128 << 10;

    @Test
    void oneImageReadsOnlyItsResourcesAndTablesFromTheShare() throws Exception {
        Path wim = samba.share().resolve("two-images.wim");
        Jwim.ok("capture", HttpApplyTest.tree(tmp.resolve("i1"), 5), wim, "one");
        Jwim.ok("append", HttpApplyTest.tree(tmp.resolve("i2"), 6), wim, "two");
        java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
        try (java.net.ServerSocket proxy = TestServers.countingProxy(samba.port(), received)) {
            String url = samba.url("two-images.wim").replace(":" + samba.port() + "/", ":" + proxy.getLocalPort() + "/");
            Path target = tmp.resolve("image-two");
            Jwim.ok("apply", "--password-file", passwordFile, url, "2", target);
            assertEquals(TreeSnapshot.of(tmp.resolve("i2"), false), TreeSnapshot.of(target, false));
        }
        long bound = HttpApplyTest.imageBound(wim, 2);
        assertTrue(received.get() <= bound + PROTOCOL_ALLOWANCE, "received " + received + " bytes, image 2 needs " + bound);
        assertTrue(bound < Files.size(wim) * 3 / 4, "image 2 should be a part of the WIM only");
    }

    @Test
    void wrongPasswordAndUnknownShareAreOneLine() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad-password"), "wrong\n");
        Path target = Files.createDirectories(tmp.resolve("target"));
        Jwim.Result r = Jwim.run("apply", "--password-file", bad, samba.url("ref.wim"), "1", target);
        HttpApplyTest.assertFailed(r, "jwim: error: smb://" + SambaServer.user() + "@127.0.0.1:" + samba.port()
                + ": logon failed (wrong user or password)", target);
        String noShare = samba.url("x").replace("/images/", "/nosuch/");
        r = Jwim.run("apply", "--password-file", passwordFile, noShare, "1", target);
        HttpApplyTest.assertFailed(r, "jwim: error: smb://" + SambaServer.user() + "@127.0.0.1:" + samba.port()
                + "/nosuch: no such share on the server", target);
        assertTrue(r.err().lines().noneMatch(l -> l.contains(SambaServer.PASSWORD)));
    }

    /** The logon runs beside the scan: its failure is still the capture's one line, and nothing is written. */
    @Test
    void aLogonThatFailsDuringTheScanIsOneLineAndWritesNothing() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad-password-capture"), "wrong\n");
        Path src = HttpApplyTest.tree(tmp.resolve("logon-src"), 7);
        Path target = Files.createDirectories(tmp.resolve("logon-target"));
        Jwim.Result r = Jwim.run("capture", "--password-file", bad, src, samba.url("logon.wim"));
        HttpApplyTest.assertFailed(r, "jwim: error: smb://" + SambaServer.user() + "@127.0.0.1:" + samba.port()
                + ": logon failed (wrong user or password)", target);
        String noShare = samba.url("logon.wim").replace("/images/", "/nosuch/");
        r = Jwim.run("capture", "--password-file", passwordFile, src, noShare);
        HttpApplyTest.assertFailed(r, "jwim: error: smb://" + SambaServer.user() + "@127.0.0.1:" + samba.port()
                + "/nosuch: no such share on the server", target);
        try (var s = Files.list(samba.share())) {
            assertEquals(List.of(), s.filter(f -> f.getFileName().toString().contains("logon.wim")).toList());
        }
        // a logon started ahead that failed with other credentials is not the failure of a later use
        Jwim.ok("capture", "--password-file", passwordFile, src, samba.url("logon.wim"));
        Path onShare = NetPaths.parse(samba.url("logon.wim"));
        try {
            NetPaths.configure(new NetConfig(null, "wrong".toCharArray(), null, null, m -> { }));
            NetPaths.connectAhead(onShare);
            NetPaths.configure(new NetConfig(null, SambaServer.PASSWORD.toCharArray(), null,
                    null, m -> { }));
            assertEquals(Files.size(samba.share().resolve("logon.wim")), Files.size(onShare));
        } finally {
            NetPaths.configure(NetConfig.defaults());
        }
    }
}
