package org.jwim.fat.write;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.jwim.common.LE;
import org.jwim.fat.format.ShortEntry;

/**
 * A directory being written: its entries are built in memory and written when the writer
 * finishes; its clusters are allocated as it grows, so children can record its first cluster
 * in their ".." entries at once. Not thread-safe.
 */
public final class FatDirectory {
    private static final int[] LFN_CHAR_OFFSETS = {1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30};
    /** At most 65536 entries of 32 bytes (the FAT limit for directories). */
    static final int MAX_BYTES = 65536 * 32;

    private final String path;
    private final long capacity;
    private final Set<String> taken = new HashSet<>();
    private int[] clusters;
    private byte[] content = new byte[1024];
    private int used;

    FatDirectory(String path, int[] clusters, long capacity) {
        this.path = path;
        this.clusters = clusters;
        this.capacity = capacity;
    }

    /** Slash-separated path from the volume root ("/" for the root). */
    public String path() {
        return path;
    }

    /** Path of a child named {@code name}. */
    String childPath(String name) {
        return path.equals("/") ? "/" + name : path + "/" + name;
    }

    /** First cluster (0 for the FAT12/16 fixed root). */
    int firstCluster() {
        return clusters.length == 0 ? 0 : clusters[0];
    }

    int[] clusters() {
        return clusters;
    }

    void clusters(int[] value) {
        clusters = value;
    }

    byte[] content() {
        return content;
    }

    int used() {
        return used;
    }

    /** True when {@code name} equals (case-insensitively) a long or short name already here. */
    public boolean contains(String name) {
        return taken.contains(FatNames.key(name));
    }

    Set<String> taken() {
        return taken;
    }

    /** Records a name already present (kept entries) so new names cannot alias it. */
    void reserve(String name) {
        if (!name.isEmpty()) {
            taken.add(FatNames.key(name));
        }
    }

    /** Appends raw entry bytes (kept entries are copied byte for byte). */
    void appendRaw(byte[] b, int off, int len) {
        ensure(used + len);
        System.arraycopy(b, off, content, used, len);
        used += len;
    }

    /** Bytes the directory needs after adding {@code entries} more entries. */
    long bytesAfter(int entries) {
        return used + entries * 32L;
    }

    long capacity() {
        return capacity;
    }

    private void ensure(int n) {
        if (n > content.length) {
            content = Arrays.copyOf(content, Math.max(n, content.length * 2));
        }
    }

    /** Entries (LFN plus short) a long name takes. */
    static int entriesFor(String name, FatNames.Short83 exact) {
        return exact != null ? 1 : 1 + (name.length() + 12) / 13;
    }

    /**
     * Appends the LFN entries (when {@code needLfn}) and the short entry of a child; the caller
     * has checked the name and made room. Returns the short entry's offset in the directory.
     */
    int addEntry(String longName, FatNames.Short83 sn, boolean needLfn, int attributes,
                 long firstCluster, long size, EntryMeta meta) {
        byte[] raw = sn.raw();
        if (needLfn) {
            int sum = ShortEntry.checksum(raw, 0);
            int n = (longName.length() + 12) / 13;
            for (int ord = n; ord >= 1; ord--) {
                byte[] e = new byte[32];
                e[0] = (byte) (ord | (ord == n ? 0x40 : 0));
                e[11] = (byte) ShortEntry.ATTR_LONG_NAME;
                e[13] = (byte) sum;
                int base = (ord - 1) * 13;
                for (int i = 0; i < 13; i++) {
                    int idx = base + i;
                    int ch = idx < longName.length() ? longName.charAt(idx) : idx == longName.length() ? 0 : 0xFFFF;
                    LE.put16(e, LFN_CHAR_OFFSETS[i], ch);
                }
                appendRaw(e, 0, 32);
            }
        }
        byte[] e = shortEntry(raw, attributes, sn.ntFlags(), firstCluster, size, meta);
        appendRaw(e, 0, 32);
        reserve(longName);
        reserve(sn.display());
        return used - 32;
    }

    /** Makes the short entry at {@code offset} an empty file (no clusters, size 0). */
    void emptyEntry(int offset) {
        LE.put16(content, offset + 20, 0);
        LE.put16(content, offset + 26, 0);
        LE.put32(content, offset + 28, 0);
    }

    static byte[] shortEntry(byte[] raw11, int attributes, int ntFlags, long firstCluster, long size,
                             EntryMeta meta) {
        byte[] e = new byte[32];
        System.arraycopy(raw11, 0, e, 0, 11);
        e[11] = (byte) attributes;
        e[12] = (byte) ntFlags;
        LocalDateTime c = valid(meta.created());
        if (c != null) {
            e[13] = (byte) ((c.getSecond() & 1) * 100 + c.getNano() / 10_000_000);
            LE.put16(e, 14, time(c));
            LE.put16(e, 16, date(c));
        }
        LocalDateTime a = valid(meta.accessed());
        if (a != null) {
            LE.put16(e, 18, date(a));
        }
        LE.put16(e, 20, (int) (firstCluster >>> 16));
        LocalDateTime w = valid(meta.written());
        if (w != null) {
            LE.put16(e, 22, time(w));
            LE.put16(e, 24, date(w));
        }
        LE.put16(e, 26, (int) (firstCluster & 0xFFFF));
        LE.put32(e, 28, size);
        return e;
    }

    /** "." or ".." entry (times copied from the directory's own entry). */
    static byte[] dotEntry(boolean dotDot, long cluster, EntryMeta meta) {
        byte[] name = (dotDot ? "..         " : ".          ").getBytes(StandardCharsets.US_ASCII);
        return shortEntry(name, ShortEntry.ATTR_DIRECTORY, 0, cluster, 0, meta);
    }

    private static LocalDateTime valid(LocalDateTime t) {
        return t == null || t.getYear() < 1980 || t.getYear() > 2107 ? null : t;
    }

    private static int date(LocalDateTime t) {
        return (t.getYear() - 1980) << 9 | t.getMonthValue() << 5 | t.getDayOfMonth();
    }

    private static int time(LocalDateTime t) {
        return t.getHour() << 11 | t.getMinute() << 5 | t.getSecond() / 2;
    }
}
