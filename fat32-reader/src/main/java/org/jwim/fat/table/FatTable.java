package org.jwim.fat.table;

import java.io.IOException;
import java.nio.channels.FileChannel;
import org.jwim.fat.FatType;
import org.jwim.fat.format.Io;
import org.jwim.fat.format.LE;

/**
 * One FAT copy held compactly: one int per cluster (FAT32 entries masked to 28 bits), so a
 * FAT32 volume costs 4 bytes per cluster of heap (the on-disk size). Immutable after
 * loading; thread-safe.
 */
public final class FatTable {
    private static final int CHUNK = 1 << 20;
    private final int[] next;
    private final FatType type;

    FatTable(int[] next, FatType type) {
        this.next = next;
        this.type = type;
    }

    /**
     * Loads entries 0..{@code entries-1} of the FAT that starts at absolute byte
     * {@code position}. The caller has validated that the FAT region holds that many entries
     * and lies inside the channel's volume.
     */
    public static FatTable load(FileChannel ch, long position, FatType type, int entries)
            throws IOException {
        int[] next = new int[entries];
        if (type == FatType.FAT12) {
            int bytes = (entries * 3 + 1) / 2 + 1;
            byte[] b = new byte[bytes];
            Io.readFully(ch, b, 0, bytes - 1, position);
            decode12(b, next, entries);
            return new FatTable(next, type);
        }
        int width = type == FatType.FAT16 ? 2 : 4;
        byte[] buf = new byte[(int) Math.min(CHUNK, (long) entries * width)];
        int perChunk = buf.length / width;
        for (int done = 0; done < entries; ) {
            int n = Math.min(perChunk, entries - done);
            Io.readFully(ch, buf, 0, n * width, position + (long) done * width);
            if (width == 2) {
                for (int i = 0; i < n; i++) {
                    next[done + i] = LE.u16(buf, i * 2);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    next[done + i] = (int) LE.u32(buf, i * 4) & 0x0FFF_FFFF;
                }
            }
            done += n;
        }
        return new FatTable(next, type);
    }

    /** FAT12 packs two 12-bit entries into three bytes, low nibble first. */
    static void decode12(byte[] b, int[] next, int entries) {
        for (int i = 0; i < entries; i++) {
            int off = i + (i >>> 1);
            int v = (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
            next[i] = (i & 1) == 0 ? v & 0xFFF : v >>> 4;
        }
    }

    /** Wraps already decoded entries (tests, and volumes built in memory). */
    public static FatTable of(int[] entries, FatType type) {
        return new FatTable(entries.clone(), type);
    }

    /** The raw entry of {@code cluster} (0 free, type.endOfChainMin().. end, type.badCluster()). */
    public int get(int cluster) {
        return next[cluster];
    }

    /** Count of entries held, including the two reserved ones. */
    public int size() {
        return next.length;
    }

    public FatType type() {
        return type;
    }
}
