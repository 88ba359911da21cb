package org.jwim.fat.format;

import java.nio.charset.StandardCharsets;
import org.jwim.common.LE;
import org.jwim.fat.FatFormatException;
import org.jwim.fat.FatType;

/**
 * The BIOS parameter block of a FAT boot sector (first 512 bytes of the volume), validated.
 * All sizes in bytes unless named "sectors"; offsets are relative to the volume start.
 *
 * @param bytesPerSector   512, 1024, 2048 or 4096
 * @param sectorsPerCluster power of two, 1..128
 * @param reservedSectors  sectors before the first FAT (never 0)
 * @param numFats          count of FAT copies (1..15)
 * @param rootEntryCount   FAT12/16 fixed root directory entries; 0 on FAT32
 * @param totalSectors     sectors of the volume as recorded
 * @param media            media descriptor byte
 * @param fatSectors       sectors per FAT copy
 * @param extFlags         FAT32 BPB_ExtFlags (bit 7: mirroring off, bits 0-3: active FAT)
 * @param rootCluster      FAT32 first cluster of the root directory; 0 on FAT12/16
 * @param fsInfoSector     FAT32 sector of FSInfo; 0 when absent
 * @param serialNumber     volume serial number (u32), 0 without extended boot signature
 * @param label            11-byte BPB label, trailing spaces removed ("" when absent)
 * @param type             FAT12/16/32 by cluster count
 * @param clusterCount     count of data clusters (valid cluster numbers are 2..count+1)
 */
public record Bpb(int bytesPerSector, int sectorsPerCluster, int reservedSectors, int numFats,
                  int rootEntryCount, long totalSectors, int media, long fatSectors,
                  int extFlags, long rootCluster, int fsInfoSector, long serialNumber,
                  String label, FatType type, long clusterCount) {

    public static final int SIZE = 512;
    private static final int BYTES_PER_SEC = 0x0B;
    private static final int SEC_PER_CLUS = 0x0D;
    private static final int RSVD_SEC_CNT = 0x0E;
    private static final int NUM_FATS = 0x10;
    private static final int ROOT_ENT_CNT = 0x11;
    private static final int TOT_SEC16 = 0x13;
    private static final int MEDIA = 0x15;
    private static final int FAT_SZ16 = 0x16;
    private static final int TOT_SEC32 = 0x20;
    // FAT12/16 extended BPB
    private static final int BOOT_SIG_16 = 0x26;
    // FAT32 extended BPB
    private static final int FAT_SZ32 = 0x24;
    private static final int EXT_FLAGS = 0x28;
    private static final int FS_VER = 0x2A;
    private static final int ROOT_CLUS = 0x2C;
    private static final int FS_INFO = 0x30;
    private static final int BOOT_SIG_32 = 0x42;
    private static final int SIGNATURE = 0x1FE;

    /** Largest valid FAT32 cluster count (entries are 28 bits, 0x0FFFFFF7 marks bad). */
    public static final long MAX_FAT32_CLUSTERS = 0x0FFF_FFF5L;

    /**
     * Parses and validates a boot sector.
     *
     * @param b            at least 512 bytes of the boot sector
     * @param volumeLength bytes available for the volume; the FATs and root directory must fit
     */
    public static Bpb read(byte[] b, long volumeLength) throws FatFormatException {
        if (b.length < SIZE) {
            throw new FatFormatException("boot sector: need 512 bytes, got " + b.length);
        }
        int jump = LE.u8(b, 0);
        if (jump != 0xEB && jump != 0xE9) {
            throw fail(0, "jump instruction 0xEB/0xE9", hex(jump));
        }
        if (LE.u16(b, SIGNATURE) != 0xAA55) {
            throw fail(SIGNATURE, "signature 0xAA55", hex(LE.u16(b, SIGNATURE)));
        }
        int bps = LE.u16(b, BYTES_PER_SEC);
        if (bps != 512 && bps != 1024 && bps != 2048 && bps != 4096) {
            throw fail(BYTES_PER_SEC, "bytes per sector 512/1024/2048/4096", Integer.toString(bps));
        }
        int spc = LE.u8(b, SEC_PER_CLUS);
        if (spc == 0 || Integer.bitCount(spc) != 1) {
            throw fail(SEC_PER_CLUS, "sectors per cluster a power of two 1..128", Integer.toString(spc));
        }
        int rsvd = LE.u16(b, RSVD_SEC_CNT);
        if (rsvd == 0) {
            throw fail(RSVD_SEC_CNT, "reserved sectors > 0", "0");
        }
        int numFats = LE.u8(b, NUM_FATS);
        if (numFats == 0 || numFats > 15) {
            throw fail(NUM_FATS, "1..15 FATs", Integer.toString(numFats));
        }
        int rootEntCnt = LE.u16(b, ROOT_ENT_CNT);
        long totSec = LE.u16(b, TOT_SEC16);
        if (totSec == 0) {
            totSec = LE.u32(b, TOT_SEC32);
        }
        if (totSec == 0) {
            throw fail(TOT_SEC16, "non-zero total sectors", "0");
        }
        int media = LE.u8(b, MEDIA);
        long fatSz = LE.u16(b, FAT_SZ16);
        boolean fat32Layout = fatSz == 0;
        if (fat32Layout) {
            fatSz = LE.u32(b, FAT_SZ32);
        }
        if (fatSz == 0) {
            throw fail(FAT_SZ32, "non-zero FAT size", "0");
        }
        long rootDirSectors = ((long) rootEntCnt * 32 + bps - 1) / bps;
        long firstDataSector = rsvd + numFats * fatSz + rootDirSectors;
        if (firstDataSector >= totSec) {
            throw new FatFormatException("boot sector: metadata (" + firstDataSector
                    + " sectors) does not leave a data region in " + totSec + " total sectors");
        }
        if (firstDataSector * bps > volumeLength) {
            throw new FatFormatException("boot sector: FATs and root directory end at byte "
                    + firstDataSector * bps + ", beyond the volume length " + volumeLength);
        }
        long clusters = (totSec - firstDataSector) / spc;
        FatType type = FatType.forClusterCount(clusters);
        if (type == FatType.FAT32 && clusters > MAX_FAT32_CLUSTERS) {
            throw fail(TOT_SEC32, "at most " + MAX_FAT32_CLUSTERS + " clusters", Long.toString(clusters));
        }
        if ((type == FatType.FAT32) != fat32Layout) {
            throw new FatFormatException("boot sector: " + clusters + " clusters make this "
                    + type + " but the FAT size field at " + (fat32Layout ? "0x24 (FAT32)" : "0x16 (FAT12/16)")
                    + " was used");
        }
        long fatBitsNeeded = (clusters + 2) * type.bits();
        if (fatSz * bps * 8 < fatBitsNeeded) {
            throw fail(fat32Layout ? FAT_SZ32 : FAT_SZ16, "a FAT of at least "
                    + (fatBitsNeeded + 8L * bps - 1) / (8L * bps) + " sectors for " + clusters + " clusters",
                    Long.toString(fatSz));
        }
        int extFlags = 0;
        long rootClus = 0;
        int fsInfo = 0;
        int sigOff = BOOT_SIG_16;
        if (type == FatType.FAT32) {
            if (rootEntCnt != 0) {
                throw fail(ROOT_ENT_CNT, "0 root entries on FAT32", Integer.toString(rootEntCnt));
            }
            if (LE.u16(b, FS_VER) != 0) {
                throw fail(FS_VER, "FAT32 version 0.0", hex(LE.u16(b, FS_VER)));
            }
            extFlags = LE.u16(b, EXT_FLAGS);
            rootClus = LE.u32(b, ROOT_CLUS);
            if (rootClus < 2 || rootClus > clusters + 1) {
                throw fail(ROOT_CLUS, "root cluster in 2.." + (clusters + 1), Long.toString(rootClus));
            }
            fsInfo = LE.u16(b, FS_INFO);
            sigOff = BOOT_SIG_32;
        } else if (rootEntCnt == 0) {
            throw fail(ROOT_ENT_CNT, "root entries > 0 on " + type, "0");
        }
        long serial = 0;
        String label = "";
        if (LE.u8(b, sigOff) == 0x29) {
            serial = LE.u32(b, sigOff + 1);
            label = new String(b, sigOff + 5, 11, StandardCharsets.ISO_8859_1).stripTrailing();
        }
        return new Bpb(bps, spc, rsvd, numFats, rootEntCnt, totSec, media, fatSz, extFlags,
                rootClus, fsInfo, serial, label, type, clusters);
    }

    /** Bytes per cluster. */
    public int clusterSize() {
        return bytesPerSector * sectorsPerCluster;
    }

    /** Byte offset (in the volume) of FAT copy {@code index}. */
    public long fatOffset(int index) {
        return ((long) reservedSectors + index * fatSectors) * bytesPerSector;
    }

    /** Byte offset of the FAT12/16 fixed root directory (the byte after the last FAT). */
    public long rootDirOffset() {
        return fatOffset(numFats);
    }

    /** Bytes of the FAT12/16 fixed root directory (0 on FAT32). */
    public long rootDirBytes() {
        return (long) rootEntryCount * 32;
    }

    /** Byte offset of cluster 2, the first data cluster. */
    public long dataOffset() {
        long rootDirSectors = (rootDirBytes() + bytesPerSector - 1) / bytesPerSector;
        return rootDirOffset() + rootDirSectors * bytesPerSector;
    }

    /** FAT32: true when only the FAT named by {@link #activeFat()} is in use. */
    public boolean mirroringDisabled() {
        return (extFlags & 0x80) != 0;
    }

    /** FAT32: the FAT index in use when mirroring is disabled. */
    public int activeFat() {
        return extFlags & 0x0F;
    }

    private static FatFormatException fail(int off, String expected, String found) {
        return new FatFormatException("boot sector offset 0x" + Integer.toHexString(off)
                + ": expected " + expected + ", found " + found);
    }

    private static String hex(int v) {
        return "0x" + Integer.toHexString(v);
    }
}
