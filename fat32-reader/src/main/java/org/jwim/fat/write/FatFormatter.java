package org.jwim.fat.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Formats an empty FAT16 or FAT32 volume in a region of a {@link FileChannel}, with the
 * defaults of {@code mkfs.fat} (which follow Microsoft's FAT specification): two FATs, media
 * 0xF8, 32 reserved sectors on FAT32 and 1 on FAT16 (more where the data area must start on a
 * cluster boundary), FAT32 with FSInfo at sector 1 and the backup boot sector at 6,
 * FAT16 with 512 root entries; the cluster size from the volume size (FAT32: 512 bytes up to
 * 260 MiB, 4 KiB up to 8 GiB, 8 KiB up to 16 GiB, 16 KiB up to 32 GiB, 32 KiB beyond; FAT16:
 * the smallest of 2 KiB and up that keeps fewer than 65525 clusters). The label goes in the
 * boot sector and in a root-directory label entry. Boot code is not written (the boot sector
 * holds the usual "not bootable" stub). Open the result with {@link FatWriter#open}.
 */
public final class FatFormatter {
    /** Fewest clusters of a FAT32 and most of a FAT16 volume, as the specification counts. */
    private static final long FAT32_MIN_CLUSTERS = 65525;
    private static final int FAT16_ROOT_ENTRIES = 512;

    /** The chosen layout of a volume. */
    public record Layout(boolean fat32, int bytesPerSector, int sectorsPerCluster, int reservedSectors,
            long fatSectors, int rootSectors, long totalSectors, long clusters) {
        public int clusterSize() {
            return bytesPerSector * sectorsPerCluster;
        }
    }

    private FatFormatter() {
    }

    /**
     * The layout mkfs.fat picks for a volume of {@code volumeLength} bytes.
     *
     * @throws IllegalArgumentException when the size does not suit the FAT type
     */
    public static Layout layout(long volumeLength, int bytesPerSector, boolean fat32) {
        if (bytesPerSector != 512 && bytesPerSector != 1024 && bytesPerSector != 2048 && bytesPerSector != 4096) {
            throw new IllegalArgumentException("bytes per sector " + bytesPerSector);
        }
        long total = volumeLength / bytesPerSector;
        long mib = volumeLength >> 20;
        int clusterBytes;
        if (fat32) {
            clusterBytes = mib > 32 * 1024 ? 32768 : mib > 16 * 1024 ? 16384 : mib > 8 * 1024 ? 8192
                    : mib > 260 ? 4096 : 512;
        } else {
            clusterBytes = 2048;
        }
        int spc = Math.max(1, clusterBytes / bytesPerSector);
        int reserved = fat32 ? 32 : 1;
        int rootSectors = fat32 ? 0 : FAT16_ROOT_ENTRIES * 32 / bytesPerSector;
        while (true) {
            // the smallest FAT that holds the clusters left beside it (as mkfs.fat sizes it)
            long lo = 1;
            // a FAT for every cluster there would be without FATs is always large enough
            long hi = fatNeeded(clustersBeside(0, total, reserved, rootSectors, spc), fat32, bytesPerSector);
            while (lo < hi) {
                long mid = (lo + hi) >>> 1;
                if (fatNeeded(clustersBeside(mid, total, reserved, rootSectors, spc), fat32, bytesPerSector) <= mid) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            long fatSectors = lo;
            // as mkfs.fat, the data area starts on a cluster boundary: FAT32 grows its FATs,
            // FAT16 its reserved sectors
            for (int i = 0; fat32 && i < spc && pad(fatSectors, reserved, rootSectors, spc) != 0; i++) {
                fatSectors++;
            }
            int pad = pad(fatSectors, reserved, rootSectors, spc);
            long clusters = clustersBeside(fatSectors, total, reserved, rootSectors, spc);
            if (fat32) {
                if (clusters < FAT32_MIN_CLUSTERS) {
                    throw new IllegalArgumentException("a FAT32 volume needs at least " + FAT32_MIN_CLUSTERS
                            + " clusters; " + volumeLength + " bytes give " + clusters);
                }
                return new Layout(true, bytesPerSector, spc, reserved + pad, fatSectors, 0, total, clusters);
            }
            if (clusters < FAT32_MIN_CLUSTERS) {
                if (clusters < 4085) {
                    throw new IllegalArgumentException("a FAT16 volume needs at least 4085 clusters; "
                            + volumeLength + " bytes give " + clusters);
                }
                return new Layout(false, bytesPerSector, spc, reserved + pad, fatSectors, rootSectors, total, clusters);
            }
            if (spc * bytesPerSector >= 65536 / 2) {
                throw new IllegalArgumentException(volumeLength + " bytes are too many for FAT16");
            }
            spc *= 2;
        }
    }

    private static int pad(long fatSectors, int reserved, int rootSectors, int spc) {
        return (int) ((spc - (reserved + 2 * fatSectors + rootSectors) % spc) % spc);
    }

    /** Clusters left beside two FATs of {@code fatSectors}. */
    private static long clustersBeside(long fatSectors, long total, int reserved, int rootSectors, int spc) {
        return (total - reserved - pad(fatSectors, reserved, rootSectors, spc) - 2 * fatSectors - rootSectors) / spc;
    }

    private static long fatNeeded(long clusters, boolean fat32, int bytesPerSector) {
        return ((clusters + 2) * (fat32 ? 4 : 2) + bytesPerSector - 1) / bytesPerSector;
    }

    /**
     * Writes the boot sector(s), FSInfo, empty FATs and root directory of a fresh volume at
     * {@code [offset, offset+volumeLength)}.
     *
     * @param hiddenSectors the volume's first sector on the disk (the BPB's hidden sectors)
     * @param label         up to 11 characters of the volume label, "" for none
     */
    public static Layout format(FileChannel channel, long offset, long volumeLength, int bytesPerSector,
            boolean fat32, String label, int serial, long hiddenSectors) throws IOException {
        Objects.requireNonNull(label);
        Layout l = layout(volumeLength, bytesPerSector, fat32);
        String name = label.toUpperCase(Locale.ROOT);
        if (name.length() > 11 || !StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
            throw new IllegalArgumentException("FAT label must be at most 11 ASCII characters: " + label);
        }
        int bps = l.bytesPerSector();
        // zero the metadata: reserved sectors, both FATs, the root directory (region or first cluster)
        long metaBytes = (l.reservedSectors() + 2 * l.fatSectors() + l.rootSectors()) * bps
                + (fat32 ? l.clusterSize() : 0);
        zero(channel, offset, metaBytes);
        byte[] boot = bootSector(l, name, serial, hiddenSectors);
        write(channel, offset, boot);
        byte[] fat = new byte[bps];
        ByteBuffer f = ByteBuffer.wrap(fat).order(ByteOrder.LITTLE_ENDIAN);
        if (fat32) {
            f.putInt(0, 0x0FFF_FFF8).putInt(4, 0x0FFF_FFFF).putInt(8, 0x0FFF_FFFF);   // root: one cluster
            byte[] info = fsInfo(l.clusters() - 1);
            write(channel, offset + bps, info);
            write(channel, offset + 6L * bps, boot);
            write(channel, offset + 7L * bps, info);
        } else {
            f.putShort(0, (short) 0xFFF8).putShort(2, (short) 0xFFFF);
        }
        for (int i = 0; i < 2; i++) {
            write(channel, offset + (l.reservedSectors() + i * l.fatSectors()) * bps, fat);
        }
        if (!name.isEmpty()) {
            long rootOffset = (l.reservedSectors() + 2 * l.fatSectors()) * bps;
            byte[] entry = new byte[32];
            byte[] padded = String.format("%-11s", name).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(padded, 0, entry, 0, 11);
            entry[11] = 0x08;                           // ATTR_VOLUME_ID
            write(channel, offset + rootOffset, entry);
        }
        return l;
    }

    private static byte[] bootSector(Layout l, String label, int serial, long hidden) {
        int bps = l.bytesPerSector();
        ByteBuffer b = ByteBuffer.allocate(bps).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 0xEB).put(1, (byte) (l.fat32() ? 0x58 : 0x3C)).put(2, (byte) 0x90);
        b.put(3, "mkfs.fat".getBytes(StandardCharsets.US_ASCII));
        b.putShort(0x0B, (short) bps);
        b.put(0x0D, (byte) l.sectorsPerCluster());
        b.putShort(0x0E, (short) l.reservedSectors());
        b.put(0x10, (byte) 2);
        b.putShort(0x11, (short) (l.fat32() ? 0 : FAT16_ROOT_ENTRIES));
        boolean small = !l.fat32() && l.totalSectors() < 65536;
        b.putShort(0x13, (short) (small ? l.totalSectors() : 0));
        b.put(0x15, (byte) 0xF8);
        b.putShort(0x16, (short) (l.fat32() ? 0 : l.fatSectors()));
        b.putShort(0x18, (short) 63).putShort(0x1A, (short) 255);
        b.putInt(0x1C, (int) hidden);
        b.putInt(0x20, (int) (small ? 0 : l.totalSectors()));
        int ext;
        if (l.fat32()) {
            b.putInt(0x24, (int) l.fatSectors());
            b.putInt(0x2C, 2);                          // root cluster
            b.putShort(0x30, (short) 1);                // FSInfo sector
            b.putShort(0x32, (short) 6);                // backup boot sector
            ext = 0x40;
        } else {
            ext = 0x24;
        }
        b.put(ext, (byte) 0x80);                        // drive number
        b.put(ext + 2, (byte) 0x29);                    // extended boot signature
        b.putInt(ext + 3, serial);
        b.put(ext + 7, String.format("%-11s", label.isEmpty() ? "NO NAME" : label).getBytes(StandardCharsets.US_ASCII));
        b.put(ext + 18, (l.fat32() ? "FAT32   " : "FAT16   ").getBytes(StandardCharsets.US_ASCII));
        // boot code: int 18h ("no bootable system", the BIOS tries the next device); no loader
        int code = ext + 26;
        b.put(code, new byte[] {(byte) 0xCD, 0x18, (byte) 0xEB, (byte) 0xFE});
        b.putShort(510, (short) 0xAA55);
        return b.array();
    }

    private static byte[] fsInfo(long freeClusters) {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0x4161_5252).putInt(484, 0x6141_7272);
        b.putInt(488, (int) freeClusters).putInt(492, 3);
        b.putInt(508, 0xAA55_0000);
        return b.array();
    }

    private static void zero(FileChannel ch, long offset, long length) throws IOException {
        byte[] z = new byte[1 << 20];
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(z.length, length - done);
            write(ch, offset + done, java.util.Arrays.copyOf(z, n));
            done += n;
        }
    }

    private static void write(FileChannel ch, long pos, byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
            ch.write(b, pos + b.position());
        }
    }
}
