package org.jwim.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf16Test {
    /** Every case decodes as the JDK's UTF-16LE decoder does, unpaired surrogates included. */
    @Test
    void decodesAsTheCharset() {
        String[] names = {"", "a", "Ünïcödé ☃", "pair \uD83D\uDE00 ok", "lone \uD800 high", "lone \uDC00 low",
            "end \uD83D"};
        for (String n : names) {
            byte[] raw = n.getBytes(StandardCharsets.UTF_16LE);
            if (n.contains("lone") || n.startsWith("end")) {
                raw = rawUnits(n); // getBytes replaces the unpaired surrogate; store it as NTFS may
            }
            byte[] b = new byte[raw.length + 3];
            System.arraycopy(raw, 0, b, 3, raw.length);
            assertEquals(new String(b, 3, raw.length, StandardCharsets.UTF_16LE), Utf16.decode(b, 3, raw.length / 2), n);
        }
    }

    private static byte[] rawUnits(String s) {
        byte[] b = new byte[2 * s.length()];
        for (int i = 0; i < s.length(); i++) {
            b[2 * i] = (byte) s.charAt(i);
            b[2 * i + 1] = (byte) (s.charAt(i) >> 8);
        }
        return b;
    }
}
