package org.jwim.common;

import java.nio.charset.StandardCharsets;

/** UTF-16LE names, as NTFS records and WIM dentries store them. */
public final class Utf16 {
    private Utf16() {
    }

    /**
     * The {@code chars} UTF-16LE code units at {@code b[off]} as a string: what
     * {@code new String(b, off, 2 * chars, UTF_16LE)} returns (an unpaired surrogate becomes
     * U+FFFD there, so a name with a surrogate still goes that way), without the charset
     * decoder that call builds each time (a fifth of a cold NTFS scan's MFT parsing).
     */
    public static String decode(byte[] b, int off, int chars) {
        char[] c = new char[chars];
        for (int i = 0; i < chars; i++) {
            char ch = (char) (b[off + 2 * i] & 0xFF | (b[off + 2 * i + 1] & 0xFF) << 8);
            if (Character.isSurrogate(ch)) {
                return new String(b, off, 2 * chars, StandardCharsets.UTF_16LE);
            }
            c[i] = ch;
        }
        return new String(c);
    }
}
