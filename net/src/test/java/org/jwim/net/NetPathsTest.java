package org.jwim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** URIs to paths: names, siblings (the writer's temporary file), and no password anywhere. */
class NetPathsTest {
    @Test
    void smbUriKeepsDomainUserShareAndPath() {
        Path p = NetPaths.parse("smb://CORP;deploy@files:4450/images/win/ref.wim");
        assertEquals("smb://CORP;deploy@files:4450/images/win/ref.wim", p.toString());
        assertEquals("ref.wim", p.getFileName().toString());
        assertEquals("smb://CORP;deploy@files:4450/images/win/.ref.wim.tmp", p.resolveSibling(".ref.wim.tmp").toString());
        assertEquals("smb://CORP;deploy@files:4450/images", p.getParent().getParent().toString());
        assertEquals(p, p.toAbsolutePath());
        assertTrue(p.startsWith(p.getParent()));
        assertFalse(p.startsWith(Path.of("/images")));
    }

    @Test
    void escapedNamesRoundTrip() {
        Path p = NetPaths.parse("http://host/a%20b/r%C3%A9f.wim");
        assertEquals("réf.wim", p.getFileName().toString());
        assertEquals("http://host/a%20b/r%C3%A9f.wim", p.toUri().toASCIIString());
    }

    @Test
    void aPasswordInTheUriIsRefusedWithoutEchoingIt() {
        InvalidPathException e = assertThrows(InvalidPathException.class,
                () -> NetPaths.parse("smb://deploy:hunter2@files/images/ref.wim"));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void plainPathsStayLocal() {
        assertEquals(Path.of("images/ref.wim"), NetPaths.parse("images/ref.wim"));
        assertFalse(NetPaths.isRemote("C:\\\\server\\share\\ref.wim"));
    }

    @Test
    void configHidesSecrets() {
        NetConfig c = new NetConfig("u", "pw-secret".toCharArray(), "tok-secret".toCharArray(), null, m -> { });
        assertFalse(c.toString().contains("secret"), c.toString());
    }
}
