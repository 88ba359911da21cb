package org.jwim.fat.format;

/**
 * Upper-casing as Windows compares FAT names: each UTF-16 unit mapped on its own (simple,
 * one-to-one case mapping), so a name keeps its length and {@code ß} stays {@code ß}. Java's
 * {@link String#toUpperCase} applies full mappings ({@code ß} → {@code SS}) and would make
 * distinct names collide.
 */
public final class SimpleCase {
    private SimpleCase() {
    }

    public static String upper(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = Character.toUpperCase(c[i]);
        }
        return new String(c);
    }
}
