package org.jwim.fat.table;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.Objects;
import org.jwim.common.LE;
import org.jwim.fat.FatType;
import org.jwim.fat.format.Io;

/**
 * One FAT copy, held compactly: up to {@link #MAX_IN_MEMORY_ENTRIES} entries are loaded into
 * one int per cluster (FAT32 entries masked to 28 bits), 4 bytes of heap per cluster; larger
 * FATs (FAT32 volumes beyond about 64 GiB at 4 KiB clusters) are paged on demand through a
 * fixed cache of {@link #CACHE_PAGES} pages, so heap use stays bounded whatever the volume
 * size. Thread-safe (the paged cache is guarded by this object's lock).
 */
public final class FatTable {
    /** Largest FAT held whole in memory: 16 Mi entries, 64 MiB of heap. */
    public static final int MAX_IN_MEMORY_ENTRIES = 1 << 24;
    /** Entries per cache page in paged mode (64 KiB of FAT32 on disk). */
    public static final int PAGE_ENTRIES = 1 << 14;
    /** Pages kept in paged mode: 256 pages of 16 Ki ints, 16 MiB of heap. */
    public static final int CACHE_PAGES = 256;
    private static final int CHUNK = 1 << 20;

    private final FatType type;
    private final int entries;
    private final int[] all;          // every entry, or null when paged
    // paged mode: a direct-mapped cache of pages
    private final FileChannel channel;
    private final long position;
    private final int pageShift;
    private final int[][] pages;
    private final long[] tags;
    private final byte[] pageBytes;

    private FatTable(int[] all, FatType type) {
        this.type = type;
        this.entries = all.length;
        this.all = all;
        this.channel = null;
        this.position = 0;
        this.pageShift = 0;
        this.pages = null;
        this.tags = null;
        this.pageBytes = null;
    }

    private FatTable(FileChannel ch, long position, FatType type, int entries, int pageEntries,
                     int cachePages) {
        this.type = type;
        this.entries = entries;
        this.all = null;
        this.channel = ch;
        this.position = position;
        this.pageShift = Integer.numberOfTrailingZeros(pageEntries);
        this.pages = new int[cachePages][];
        this.tags = new long[cachePages];
        Arrays.fill(tags, -1);
        this.pageBytes = new byte[pageEntries * width(type)];
    }

    /**
     * Loads (or, when large, prepares paged access to) entries 0..{@code entries-1} of the FAT
     * that starts at absolute byte {@code position}. The caller has validated that the FAT
     * region holds that many entries.
     */
    public static FatTable load(FileChannel ch, long position, FatType type, int entries)
            throws IOException {
        return load(ch, position, type, entries, MAX_IN_MEMORY_ENTRIES, PAGE_ENTRIES, CACHE_PAGES);
    }

    /** As {@link #load(FileChannel, long, FatType, int)} with explicit limits (tests). */
    public static FatTable load(FileChannel ch, long position, FatType type, int entries,
                                int maxInMemory, int pageEntries, int cachePages) throws IOException {
        if (type != FatType.FAT12 && entries > maxInMemory) {
            if (Integer.bitCount(pageEntries) != 1 || cachePages < 1) {
                throw new IllegalArgumentException("page entries must be a power of two");
            }
            return new FatTable(ch, position, type, entries, pageEntries, cachePages);
        }
        int[] next = new int[entries];
        if (type == FatType.FAT12) {
            int bytes = (entries * 3 + 1) / 2 + 1;
            byte[] b = new byte[bytes];
            Io.readFully(ch, b, 0, bytes - 1, position);
            decode12(b, next, entries);
            return new FatTable(next, type);
        }
        int width = width(type);
        byte[] buf = new byte[(int) Math.min(CHUNK, (long) entries * width)];
        int perChunk = buf.length / width;
        for (int done = 0; done < entries; ) {
            int n = Math.min(perChunk, entries - done);
            Io.readFully(ch, buf, 0, n * width, position + (long) done * width);
            decode(buf, n, width, next, done);
            done += n;
        }
        return new FatTable(next, type);
    }

    private static int width(FatType type) {
        return type == FatType.FAT16 ? 2 : 4;
    }

    private static void decode(byte[] buf, int n, int width, int[] dst, int dstOff) {
        if (width == 2) {
            for (int i = 0; i < n; i++) {
                dst[dstOff + i] = LE.u16(buf, i * 2);
            }
        } else {
            for (int i = 0; i < n; i++) {
                dst[dstOff + i] = (int) LE.u32(buf, i * 4) & 0x0FFF_FFFF;
            }
        }
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

    /**
     * The raw entry of {@code cluster} (0 free, {@code type.endOfChainMin()} and above end of
     * chain, {@code type.badCluster()} bad); {@code cluster} must be below {@link #size()}.
     *
     * @throws IOException only in paged mode, when the page cannot be read
     */
    public int get(int cluster) throws IOException {
        return all != null ? all[cluster] : paged(cluster);
    }

    private synchronized int paged(int cluster) throws IOException {
        Objects.checkIndex(cluster, entries);
        long page = cluster >>> pageShift;
        int slot = (int) (page % pages.length);
        if (tags[slot] != page) {
            int pageEntries = 1 << pageShift;
            int first = (int) (page << pageShift);
            int n = Math.min(pageEntries, entries - first);
            int width = width(type);
            Io.readFully(channel, pageBytes, 0, n * width, position + (long) first * width);
            if (pages[slot] == null) {
                pages[slot] = new int[pageEntries];
            }
            decode(pageBytes, n, width, pages[slot], 0);
            tags[slot] = page;
        }
        return pages[slot][cluster & ((1 << pageShift) - 1)];
    }

    /** True when entries are read on demand through the page cache. */
    public boolean isPaged() {
        return all == null;
    }

    /** Count of entries, including the two reserved ones. */
    public int size() {
        return entries;
    }

    public FatType type() {
        return type;
    }
}
