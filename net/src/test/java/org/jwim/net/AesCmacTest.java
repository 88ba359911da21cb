package org.jwim.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hierynomus.security.Mac;
import com.hierynomus.security.bc.BCSecurityProvider;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link AesCmac} gives RFC 4493's test vectors and the same MACs as Bouncy Castle's CMAC, however fed. */
class AesCmacTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY = HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c");
    private static final byte[] MESSAGE = HEX.parseHex("6bc1bee22e409f96e93d7e117393172a"
            + "ae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52ef"
            + "f69f2445df4f9b17ad2b417be66c3710");

    private static String mac(int length) throws Exception {
        AesCmac m = new AesCmac();
        m.init(KEY);
        m.update(MESSAGE, 0, length);
        return HEX.formatHex(m.doFinal());
    }

    @Test
    void rfc4493Vectors() throws Exception {
        assertEquals("bb1d6929e95937287fa37d129b756746", mac(0));
        assertEquals("070a16b46b4d4144f79bdd9dd04a287c", mac(16));
        assertEquals("dfa66747de9ae63030ca32611497c827", mac(40));
        assertEquals("51f0bebf7e3b9d92fc49741779363cfe", mac(64));
    }

    @Test
    void sameAsBouncyCastleForAnyLengthAndSplit() throws Exception {
        Random r = new Random(27);
        Mac bc = new BCSecurityProvider().getMac("AESCMAC");
        AesCmac jdk = new AesCmac();
        byte[] key = new byte[16];
        r.nextBytes(key);
        bc.init(key);
        jdk.init(key);
        for (int round = 0; round < 300; round++) {
            byte[] data = new byte[round < 100 ? round : r.nextInt(300_000)];
            r.nextBytes(data);
            bc.update(data);
            for (int off = 0; off < data.length;) { // pieces of 0 to 40,000 bytes and single bytes
                int n = Math.min(data.length - off, r.nextInt(4) == 0 ? 1 : r.nextInt(40_000));
                if (n == 1) {
                    jdk.update(data[off]);
                } else {
                    jdk.update(data, off, n);
                }
                off += n;
            }
            assertArrayEquals(bc.doFinal(), jdk.doFinal(), "message of " + data.length + " bytes");
        }
    }
    @Test
    void rekeyedAndInterleavedMacsUseTheirOwnKey() throws Exception {
        Random r = new Random(4493);
        byte[] other = new byte[16];
        r.nextBytes(other);
        byte[] data = new byte[1000];
        r.nextBytes(data);
        Mac bc = new BCSecurityProvider().getMac("AESCMAC");
        bc.init(other);
        bc.update(data);
        byte[] otherTag = bc.doFinal();
        AesCmac m = new AesCmac();
        for (int round = 0; round < 3; round++) { // the thread's cached key alternates
            m.init(KEY);
            m.update(MESSAGE, 0, 40);
            assertEquals("dfa66747de9ae63030ca32611497c827", HEX.formatHex(m.doFinal()));
            m.init(other);
            m.update(data);
            assertArrayEquals(otherTag, m.doFinal());
            m.update(data); // reused after doFinal without init: the same key
            assertArrayEquals(otherTag, m.doFinal());
        }
        m.init(KEY);
        m.doFinal(); // leaves KEY's cipher with the thread, for a
        AesCmac a = new AesCmac();
        AesCmac b = new AesCmac();
        a.init(KEY);
        b.init(KEY); // both take the same key while the other is part way
        a.update(MESSAGE, 0, 20);
        b.update(data, 0, 500);
        a.update(MESSAGE, 20, 44);
        b.reset();
        b.update(MESSAGE, 0, 16);
        assertEquals("51f0bebf7e3b9d92fc49741779363cfe", HEX.formatHex(a.doFinal()));
        assertEquals("070a16b46b4d4144f79bdd9dd04a287c", HEX.formatHex(b.doFinal()));
    }

    @Test
    void warmUpStartsOneDaemonThreadOncePerJvm() throws Exception {
        Thread t = AesCmac.warmUp();
        assertNotNull(t, "the first call starts the warm-up");
        assertNull(AesCmac.warmUp(), "a second call starts nothing");
        assertTrue(t.isDaemon(), "a warm-up must not keep the JVM alive");
        t.join(60_000);
        assertFalse(t.isAlive(), "the warm-up ends by itself");
    }
}
