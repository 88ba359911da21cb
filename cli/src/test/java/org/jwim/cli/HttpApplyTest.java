package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TreeSnapshot;
import org.jwim.wim.BlobInfo;
import org.jwim.wim.WimFile;
import org.jwim.wim.WimHeaderInfo;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.StreamRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Applies from a real nginx by range requests: the same tree as from the local file, no more
 * bytes on the wire than the image needs, a dropped connection resumed, and one clear error
 * line (with nothing written) for a missing file, a lying server and an untrusted certificate.
 */
class HttpApplyTest {
    @TempDir
    static Path tmp;
    static NginxServer nginx;
    static Path wim;

    @BeforeAll
    static void serve() throws Exception {
        nginx = NginxServer.start(tmp.resolve("nginx"), null);
        wim = nginx.root().resolve("ref.wim");
        Jwim.ok("capture", tree(tmp.resolve("one"), 1), wim, "one");
        Jwim.ok("append", tree(tmp.resolve("two"), 2), wim, "two");
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
    }

    /** A few large files (half random, half compressible) and many small ones. */
    static Path tree(Path dir, int seed) throws IOException {
        Random r = new Random(seed);
        Files.createDirectories(dir.resolve("sub"));
        for (int i = 0; i < 3; i++) {
            byte[] b = new byte[(2 + i) << 20];
            r.nextBytes(b);
            java.util.Arrays.fill(b, b.length / 2, b.length, (byte) i);
            Files.write(dir.resolve("big" + i + ".bin"), b);
        }
        for (int i = 0; i < 150; i++) {
            byte[] b = new byte[1 + r.nextInt(20_000)];
            r.nextBytes(b);
            Files.write(dir.resolve(i % 2 == 0 ? "sub" : ".").resolve("small" + i + ".dat"), b);
        }
        return dir;
    }

    /** An apply from nginx: the run and the body bytes nginx sent for it. */
    private record Applied(Jwim.Result run, long sent, long requests) {
    }

    /** Applies {@code image} of ref.wim from the local file and from nginx; the two trees must be equal. */
    private static Applied applyFromNginx(String image) throws Exception {
        Path local = tmp.resolve("local-" + image);
        Path remote = tmp.resolve("remote-" + image);
        Jwim.ok("apply", wim, image, local);
        long before = nginx.bytesSent();
        long requestsBefore = nginx.requests();
        Jwim.Result r = Jwim.ok("apply", nginx.url("http", "ref.wim"), image, remote);
        long sent = nginx.bytesSent() - before;
        long requests = nginx.requests() - requestsBefore;
        assertEquals(TreeSnapshot.of(local, false), TreeSnapshot.of(remote, false));
        return new Applied(r, sent, requests);
    }

    @Test
    void wholeApplyMatchesLocalAndSendsAboutTheWim() throws Exception {
        Applied a = applyFromNginx("all");
        assertTrue(a.sent() <= Files.size(wim) * 105 / 100, "sent " + a.sent() + " bytes for a " + Files.size(wim) + "-byte WIM");
        int blobs;
        try (WimFile w = WimFile.open(wim)) {
            blobs = w.blobs().size();
        }
        // the apply's read plan merges back-to-back resources: far fewer requests than blobs
        assertTrue(a.requests() <= 20 + blobs / 10, a.requests() + " requests for " + blobs + " blobs");
        assertTrue(a.run().err().isEmpty(), a.run().err());
    }

    @Test
    void oneImageSendsOnlyItsResourcesAndTables() throws Exception {
        long sent = applyFromNginx("2").sent();
        long bound = imageBound(wim, 2);
        assertTrue(sent <= bound, "sent " + sent + " bytes, image 2 needs " + bound);
        assertTrue(bound < Files.size(wim) * 3 / 4, "image 2 should be a part of the WIM only");
    }

    /** Header, blob table, XML, the image's metadata and every resource its streams use; 8 one-byte size probes. */
    static long imageBound(Path file, int image) throws IOException {
        try (WimFile w = WimFile.open(file)) {
            Set<Sha1> used = new HashSet<>();
            ArrayDeque<Dentry> todo = new ArrayDeque<>(List.of(w.readImage(image).root()));
            while (!todo.isEmpty()) {
                Dentry d = todo.pop();
                todo.addAll(d.children());
                for (StreamRef s : d.inode().streams()) {
                    used.add(s.hash());
                }
            }
            WimHeaderInfo h = w.header();
            long bound = 208 + h.blobTableSize() + h.xmlSize() + 8;
            int metadataSeen = 0;
            for (BlobInfo b : w.blobs()) {
                if (b.metadata() ? ++metadataSeen == image : used.contains(b.hash())) {
                    bound += b.storedSize();
                }
            }
            return bound;
        }
    }

    @Test
    void splitWimPartsAreFoundBesidePartOneOnTheServer() throws Exception {
        Jwim.ok("split", wim, nginx.root().resolve("split.swm"), "4");
        assertTrue(Files.exists(nginx.root().resolve("split3.swm")), "expected at least 3 parts");
        Path local = tmp.resolve("local-split");
        Path remote = tmp.resolve("remote-split");
        Jwim.ok("apply", wim, "all", local);
        Jwim.ok("apply", nginx.url("http", "split.swm"), "all", remote);
        assertEquals(TreeSnapshot.of(local, false), TreeSnapshot.of(remote, false));
    }

    @Test
    void droppedConnectionResumesWithAWarning() throws Exception {
        Path local = tmp.resolve("local-drop");
        Path remote = tmp.resolve("remote-drop");
        Jwim.ok("apply", wim, "1", local);
        try (ServerSocket proxy = TestServers.droppingProxy(nginx.port(), 1 << 20)) {
            Jwim.Result r = Jwim.ok("apply", "http://127.0.0.1:" + proxy.getLocalPort() + "/ref.wim", "1", remote);
            assertTrue(r.err().contains("jwim: warning: http://127.0.0.1:" + proxy.getLocalPort()
                    + "/ref.wim: connection dropped at byte "), r.err());
        }
        assertEquals(TreeSnapshot.of(local, false), TreeSnapshot.of(remote, false));
    }

    /** Plain http:// goes over jwim's own sockets; a redirect is left to the JDK's client, which follows it. */
    @Test
    void aRedirectIsFollowed() throws Exception {
        Path local = tmp.resolve("local-moved");
        Path remote = tmp.resolve("remote-moved");
        Jwim.ok("apply", wim, "1", local);
        Jwim.ok("apply", nginx.url("http", "moved/ref.wim"), "1", remote);
        assertEquals(TreeSnapshot.of(local, false), TreeSnapshot.of(remote, false));
    }

    @Test
    void missingFileIsOneLineAndWritesNothing() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("target-404"));
        Jwim.Result r = Jwim.run("apply", nginx.url("http", "nope.wim"), "1", target);
        assertFailed(r, "jwim: error: " + nginx.url("http", "nope.wim") + ": no such file", target);
    }

    @Test
    void lyingServerIsOneLineAndWritesNothing() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("target-lie"));
        try (ServerSocket liar = TestServers.lyingServer("Content-Range: bytes 5-5/1000\r\nContent-Length: 1\r\n", 1)) {
            String url = "http://127.0.0.1:" + liar.getLocalPort() + "/ref.wim";
            Jwim.Result r = Jwim.run("apply", url, "1", target);
            assertFailed(r, "jwim: error: " + url + ": asked for bytes 0-0/", target);
        }
        try (ServerSocket liar = TestServers.lyingServer("Content-Range: bytes 0-0/1000\r\nContent-Length: 7\r\n", 7)) {
            String url = "http://127.0.0.1:" + liar.getLocalPort() + "/ref.wim";
            Jwim.Result r = Jwim.run("apply", url, "1", target);
            assertFailed(r, "jwim: error: " + url + ": asked for 1 bytes, the server's Content-Length says 7", target);
        }
    }

    @Test
    void aServerIgnoringRangesIsOneLine() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("target-200"));
        try (ServerSocket whole = TestServers.lyingServer("200 OK", "Content-Length: 300\r\n", 300)) {
            String url = "http://127.0.0.1:" + whole.getLocalPort() + "/ref.wim";
            assertFailed(Jwim.run("apply", url, "1", target), "jwim: error: " + url
                    + ": the server does not support range requests", target);
        }
    }

    @Test
    void basicAuthenticationUsesTheUserAndPasswordFile() throws Exception {
        OracleTools.requireTool("openssl");
        Process hash = new ProcessBuilder("openssl", "passwd", "-apr1", "s3cret-pw").start();
        String line = new String(hash.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
        assertEquals(0, hash.waitFor());
        Files.writeString(nginx.htpasswd(), "deploy:" + line + "\n");
        Files.createDirectories(nginx.root().resolve("private"));
        Files.copy(wim, nginx.root().resolve("private/ref.wim"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String url = nginx.url("http", "private/ref.wim");
        Path target = Files.createDirectories(tmp.resolve("target-auth"));
        assertFailed(Jwim.run("apply", url, "1", target), "jwim: error: " + url + ": permission denied", target);
        Path wrong = Files.writeString(tmp.resolve("wrong-pw"), "nope\n");
        Jwim.Result r = Jwim.run("apply", "--user", "deploy", "--password-file", wrong, url, "1", target);
        assertFailed(r, "jwim: error: " + url + ": permission denied", target);
        Path right = Files.writeString(tmp.resolve("right-pw"), "s3cret-pw\n");
        r = Jwim.ok("apply", "--user", "deploy", "--password-file", right, url, "1", target);
        assertTrue(!r.out().contains("s3cret") && !r.err().contains("s3cret"), r::toString);
        Path local = tmp.resolve("local-auth");
        Jwim.ok("apply", wim, "1", local);
        assertEquals(TreeSnapshot.of(local, false), TreeSnapshot.of(target, false));
    }

    @Test
    void untrustedCertificateIsOneLineAndACaFileFixesIt() throws Exception {
        OracleTools.requireTool("openssl");
        Path dir = Files.createDirectories(tmp.resolve("tls"));
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(),
                "-out", cert.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("openssl.out").toFile())
                .start();
        assertEquals(0, p.waitFor(), () -> "openssl failed");
        try (NginxServer tls = NginxServer.start(tmp.resolve("nginx-tls"), new Path[] {cert, key})) {
            Files.copy(wim, tls.root().resolve("ref.wim"));
            Path target = Files.createDirectories(tmp.resolve("target-tls"));
            Jwim.Result r = Jwim.run("apply", tls.url("https", "ref.wim"), "1", target);
            assertFailed(r, "jwim: error: " + tls.url("https", "ref.wim") + ": TLS failed, the server's certificate"
                    + " does not verify", target);
            Jwim.ok("apply", "--ca-file", cert, tls.url("https", "ref.wim"), "1", target);
            Path local = tmp.resolve("local-tls");
            Jwim.ok("apply", wim, "1", local);
            assertEquals(TreeSnapshot.of(local, false), TreeSnapshot.of(target, false));
        }
    }

    static void assertFailed(Jwim.Result r, String line, Path target) throws IOException {
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().startsWith(line), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
        try (var s = Files.list(target)) {
            assertEquals(List.of(), s.toList(), "the target was written to");
        }
    }
}
