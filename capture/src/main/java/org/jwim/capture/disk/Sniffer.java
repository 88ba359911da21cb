package org.jwim.capture.disk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Recognises a file system from the first 4 KiB of a volume. */
public final class Sniffer {
    /** Bytes {@link #sniff} looks at. */
    public static final int PROBE_SIZE = 4096;

    private Sniffer() {
    }

    public static FileSystemKind sniff(byte[] b) {
        if (b.length < PROBE_SIZE) {
            return allZero(b) ? FileSystemKind.UNFORMATTED : FileSystemKind.UNKNOWN;
        }
        String oem = new String(b, 3, 8, StandardCharsets.US_ASCII);
        if (oem.equals("NTFS    ")) {
            return FileSystemKind.NTFS;
        }
        if (oem.equals("-FVE-FS-")) {
            return FileSystemKind.BITLOCKER;
        }
        if (oem.equals("EXFAT   ")) {
            return FileSystemKind.EXFAT;
        }
        FileSystemKind fat = fat(b);
        if (fat != null) {
            return fat;
        }
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if ((le.getShort(1024 + 56) & 0xFFFF) == 0xEF53) {
            return FileSystemKind.EXT;
        }
        return allZero(b) ? FileSystemKind.UNFORMATTED : FileSystemKind.UNKNOWN;
    }

    /** FAT type by the BPB's cluster count (the FAT specification's rule), or null. */
    private static FileSystemKind fat(byte[] b) {
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if ((le.getShort(510) & 0xFFFF) != 0xAA55) {
            return null;
        }
        int jump = b[0] & 0xFF;
        if (jump != 0xEB && jump != 0xE9) {
            return null;
        }
        int bytesPerSector = le.getShort(11) & 0xFFFF;
        int sectorsPerCluster = b[13] & 0xFF;
        int reserved = le.getShort(14) & 0xFFFF;
        int fats = b[16] & 0xFF;
        int rootEntries = le.getShort(17) & 0xFFFF;
        long total = le.getShort(19) & 0xFFFF;
        long fatSize = le.getShort(22) & 0xFFFF;
        if (total == 0) {
            total = le.getInt(32) & 0xFFFF_FFFFL;
        }
        if (fatSize == 0) {
            fatSize = le.getInt(36) & 0xFFFF_FFFFL;
        }
        if (Integer.bitCount(bytesPerSector) != 1 || bytesPerSector < 512 || bytesPerSector > 4096
                || Integer.bitCount(sectorsPerCluster) != 1 || reserved == 0 || fats == 0
                || fatSize == 0 || total == 0) {
            return null;
        }
        long rootSectors = ((long) rootEntries * 32 + bytesPerSector - 1) / bytesPerSector;
        long data = total - (reserved + fats * fatSize + rootSectors);
        if (data <= 0) {
            return null;
        }
        long clusters = data / sectorsPerCluster;
        if (clusters < 4085) {
            return FileSystemKind.FAT12;
        }
        return clusters < 65525 ? FileSystemKind.FAT16 : FileSystemKind.FAT32;
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
