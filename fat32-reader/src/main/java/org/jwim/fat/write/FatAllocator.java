package org.jwim.fat.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jwim.common.LE;
import org.jwim.fat.FatType;

/**
 * The writable in-memory FAT: one int per cluster entry (FAT32 values keep their top 4
 * reserved bits so untouched entries are written back unchanged), cluster allocation and
 * encoding back to on-disk bytes. Allocation is next-fit from a rotating hint, so files get
 * contiguous runs where free space is contiguous. Not thread-safe.
 */
final class FatAllocator {
    static final int FREE = 0;
    private final int[] fat;
    private final FatType type;
    private final int maxCluster;
    private final int eoc;
    private int hint;
    private long free;

    FatAllocator(int[] entries, FatType type, int maxCluster) {
        this.fat = entries;
        this.type = type;
        this.maxCluster = maxCluster;
        this.eoc = type == FatType.FAT12 ? 0xFFF : type == FatType.FAT16 ? 0xFFFF : 0x0FFF_FFFF;
        this.hint = 2;
        recount();
    }

    /** Decodes a FAT read from disk ({@code bytes} holds at least the entries 0..maxCluster). */
    static FatAllocator decode(byte[] bytes, FatType type, int maxCluster) {
        int[] e = new int[maxCluster + 1];
        for (int i = 0; i <= maxCluster; i++) {
            e[i] = switch (type) {
                case FAT12 -> {
                    int off = i + (i >>> 1);
                    int v = (bytes[off] & 0xFF) | (bytes[off + 1] & 0xFF) << 8;
                    yield (i & 1) == 0 ? v & 0xFFF : v >>> 4;
                }
                case FAT16 -> LE.u16(bytes, i * 2);
                case FAT32 -> (int) LE.u32(bytes, i * 4);
            };
        }
        return new FatAllocator(e, type, maxCluster);
    }

    /** Writes the entries into {@code bytes} (the FAT's on-disk image, other bytes kept). */
    void encode(byte[] bytes) {
        for (int i = 0; i <= maxCluster; i++) {
            int v = fat[i];
            switch (type) {
                case FAT12 -> {
                    int off = i + (i >>> 1);
                    if ((i & 1) == 0) {
                        bytes[off] = (byte) v;
                        bytes[off + 1] = (byte) ((bytes[off + 1] & 0xF0) | (v >>> 8 & 0x0F));
                    } else {
                        bytes[off] = (byte) ((bytes[off] & 0x0F) | (v << 4 & 0xF0));
                        bytes[off + 1] = (byte) (v >>> 4);
                    }
                }
                case FAT16 -> LE.put16(bytes, i * 2, v);
                case FAT32 -> LE.put32(bytes, i * 4, v);
            }
        }
    }

    /** Bytes of the FAT image that hold entries 0..maxCluster. */
    static long encodedBytes(FatType type, int maxCluster) {
        long n = maxCluster + 1L;
        return switch (type) {
            case FAT12 -> (n * 3 + 1) / 2 + 1;
            case FAT16 -> n * 2;
            case FAT32 -> n * 4;
        };
    }

    private void recount() {
        long f = 0;
        for (int i = 2; i <= maxCluster; i++) {
            if (value(i) == FREE) {
                f++;
            }
        }
        free = f;
    }

    /** The entry's value (FAT32: low 28 bits). */
    int value(int cluster) {
        return type == FatType.FAT32 ? fat[cluster] & 0x0FFF_FFFF : fat[cluster];
    }

    private void set(int cluster, int v) {
        fat[cluster] = type == FatType.FAT32 ? (fat[cluster] & 0xF000_0000) | (v & 0x0FFF_FFFF) : v;
    }

    boolean isEndOfChain(int v) {
        return v >= type.endOfChainMin();
    }

    boolean isBad(int v) {
        return v == type.badCluster();
    }

    int maxCluster() {
        return maxCluster;
    }

    long freeCount() {
        return free;
    }

    /** Cluster where the next search starts (for FSInfo). */
    int nextFreeHint() {
        return hint;
    }

    /**
     * Frees every cluster that is neither bad nor set in {@code keep}; kept entries keep their
     * values byte for byte.
     */
    void freeAllExcept(java.util.BitSet keep) {
        for (int i = 2; i <= maxCluster; i++) {
            if (!keep.get(i) && !isBad(value(i))) {
                fat[i] = type == FatType.FAT32 ? fat[i] & 0xF000_0000 : FREE;
            }
        }
        hint = 2;
        recount();
    }

    /**
     * Allocates {@code count} clusters as one chain ending in end-of-chain, appended to
     * {@code tail} (0: a new chain). Returns the clusters in chain order.
     *
     * @throws FatVolumeFullException naming {@code what} when fewer clusters are free
     */
    int[] allocate(long count, int tail, String what) throws FatVolumeFullException {
        if (count > free) {
            throw new FatVolumeFullException(what, count, free);
        }
        int[] out = new int[(int) count];
        int prev = tail;
        int c = hint;
        for (int k = 0; k < count; k++) {
            while (value(c) != FREE) {
                c = c == maxCluster ? 2 : c + 1;
            }
            out[k] = c;
            if (prev != 0) {
                set(prev, c);
            }
            set(c, eoc);
            prev = c;
            c = c == maxCluster ? 2 : c + 1;
        }
        free -= count;
        hint = c;
        return out;
    }

    /** Frees a chain this writer allocated (a failed entry). */
    void freeChain(int first) {
        int c = first;
        for (int guard = 0; guard <= maxCluster && c >= 2 && c <= maxCluster; guard++) {
            int v = value(c);
            if (v == FREE) {
                break;
            }
            set(c, FREE);
            free++;
            if (isEndOfChain(v) || isBad(v)) {
                break;
            }
            c = v;
        }
    }

    /**
     * Follows a chain from {@code first}, at most {@code limit} clusters, marking each in
     * {@code seen}; stops at end-of-chain, a free/bad/out-of-range value or a cluster already
     * seen (a cycle or cross-link). Returns the clusters followed.
     */
    int[] walk(long first, int limit, java.util.BitSet seen) {
        int[] out = new int[16];
        int n = 0;
        long c = first;
        while (c >= 2 && c <= maxCluster && n < limit && !seen.get((int) c)) {
            seen.set((int) c);
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = (int) c;
            int v = value((int) c);
            if (v == FREE || isBad(v) || isEndOfChain(v)) {
                break;
            }
            c = v;
        }
        return Arrays.copyOf(out, n);
    }

    /** Writes the encoded FAT to each given absolute position through {@code out}. */
    void writeTo(byte[] image, long[] positions, Writer out) throws IOException {
        encode(image);
        for (long p : positions) {
            out.write(ByteBuffer.wrap(image), p);
        }
    }

    /** A bounds-checked positional writer (the volume's). */
    interface Writer {
        void write(ByteBuffer data, long volumeOffset) throws IOException;
    }
}
