package org.jwim.ntfs.write;

import java.util.Comparator;

/**
 * The $UpCase table of a volume and the file-name collation built on it: names compare by their
 * upper-cased UTF-16 code units (unsigned), shorter first; names equal that way (possible only in
 * the POSIX namespace) are ordered by their exact code units. Immutable, thread-safe.
 */
public final class UpCase {
    /** Entries of a $UpCase table (one per UTF-16 code unit). */
    public static final int SIZE = 65536;

    private final char[] table;

    private UpCase(char[] table) {
        this.table = table;
    }

    /** A table built from the JDK's simple case mapping (used when formatting a blank volume). */
    public static UpCase generate() {
        char[] t = new char[SIZE];
        for (int c = 0; c < SIZE; c++) {
            char u = Character.toUpperCase((char) c);
            // surrogates and characters whose upper case is outside the BMP map to themselves
            t[c] = Character.isSurrogate((char) c) ? (char) c : u;
        }
        return new UpCase(t);
    }

    /** An existing volume's table (kept on a re-format, so names collate as before). */
    public static UpCase of(char[] table) {
        if (table == null || table.length != SIZE) {
            throw new IllegalArgumentException("an $UpCase table has " + SIZE + " entries");
        }
        return new UpCase(table.clone());
    }

    public char upper(char c) {
        return table[c];
    }

    /** The table as $UpCase stores it (little-endian code units, 128 KiB). */
    byte[] bytes() {
        byte[] b = new byte[SIZE * 2];
        for (int i = 0; i < SIZE; i++) {
            b[2 * i] = (byte) table[i];
            b[2 * i + 1] = (byte) (table[i] >>> 8);
        }
        return b;
    }

    /** Upper-case comparison only (how NTFS decides whether two Win32 names clash). */
    public int compareIgnoreCase(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            int x = table[a.charAt(i)];
            int y = table[b.charAt(i)];
            if (x != y) {
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    /** The $I30 order. */
    public int compare(String a, String b) {
        int c = compareIgnoreCase(a, b);
        return c != 0 ? c : a.compareTo(b);
    }

    public Comparator<String> comparator() {
        return this::compare;
    }
}
