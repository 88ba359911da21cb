package org.jwim.ntfs.write;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jwim.common.LE;

/**
 * The security descriptors of the volume, deduplicated: $Secure's $SDS stream (256 KiB blocks,
 * each followed by its mirror copy) and the entries of its $SII (by id) and $SDH (by hash)
 * indexes. Ids start at 0x100 as on Windows. Not thread-safe.
 */
final class SecureStore {
    static final int FIRST_ID = 0x100;
    private static final int BLOCK = 256 * 1024;
    private static final int HEADER = 20;

    private record Entry(int id, int hash, long offset, byte[] sd) {
    }

    private final Map<String, Entry> byContent = new HashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private long end;                                  // next free offset in the main copy

    /** The id of this descriptor, added when new. */
    int add(byte[] sd) {
        String key = Arrays.toString(sd);
        Entry e = byContent.get(key);
        if (e != null) {
            return e.id();
        }
        int size = HEADER + sd.length;
        if (size > BLOCK) {
            throw new IllegalArgumentException("security descriptor of " + sd.length + " bytes is too large");
        }
        long off = end;
        if (off % BLOCK + size > BLOCK) {
            off = (off / BLOCK + 2) * BLOCK;           // skip the mirror half
        }
        e = new Entry(FIRST_ID + entries.size(), hash(sd), off, sd.clone());
        entries.add(e);
        byContent.put(key, e);
        end = (off + size + 15) & ~15L;
        return e.id();
    }

    static int hash(byte[] sd) {
        int h = 0;
        for (int i = 0; i + 4 <= sd.length; i += 4) {
            h = Integer.rotateLeft(h, 3) + LE.i32(sd, i);
        }
        return h;
    }

    /** The $SDS data: every entry in its block and again in the mirror block after it. */
    byte[] sds() {
        if (entries.isEmpty()) {
            return new byte[0];
        }
        Entry last = entries.get(entries.size() - 1);
        long size = last.offset() + BLOCK + HEADER + last.sd().length;
        byte[] b = new byte[Math.toIntExact(size)];
        for (Entry e : entries) {
            byte[] h = header(e);
            for (long at : new long[] {e.offset(), e.offset() + BLOCK}) {
                System.arraycopy(h, 0, b, (int) at, HEADER);
                System.arraycopy(e.sd(), 0, b, (int) at + HEADER, e.sd().length);
            }
        }
        return b;
    }

    private static byte[] header(Entry e) {
        byte[] h = new byte[HEADER];
        LE.put32(h, 0, e.hash());
        LE.put32(h, 4, e.id());
        LE.put64(h, 8, e.offset());
        LE.put32(h, 16, HEADER + e.sd().length);
        return h;
    }

    /** $SII entries (key: id) in collation order. */
    List<byte[]> siiEntries() {
        List<byte[]> out = new ArrayList<>();
        for (Entry e : entries) {                      // ids ascend with insertion
            byte[] key = new byte[4];
            LE.put32(key, 0, e.id());
            out.add(IndexBuilder.viewEntry(key, header(e)));
        }
        return out;
    }

    /** $SDH entries (key: hash, id) in collation order; data padded with "II" as Windows does. */
    List<byte[]> sdhEntries() {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong((Entry e) -> e.hash() & 0xFFFF_FFFFL).thenComparingInt(Entry::id));
        List<byte[]> out = new ArrayList<>();
        for (Entry e : sorted) {
            byte[] key = new byte[8];
            LE.put32(key, 0, e.hash());
            LE.put32(key, 4, e.id());
            byte[] entry = IndexBuilder.viewEntry(key, header(e));
            // the entry is 0x10 + 8 + 20 = 0x2C bytes, aligned to 0x30: the pad holds "II"
            LE.put32(entry, 0x2C, 0x00490049);
            out.add(entry);
        }
        return out;
    }
}
