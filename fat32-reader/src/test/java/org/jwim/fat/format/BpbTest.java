package org.jwim.fat.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.jwim.common.LE;
import org.jwim.fat.FatFormatException;
import org.jwim.fat.FatType;
import org.junit.jupiter.api.Test;

class BpbTest {
    static final long VOLUME = 64L << 20;

    /** A FAT32 boot sector for a 64 MiB volume, 512-byte sectors and clusters. */
    static byte[] fat32() {
        byte[] b = new byte[512];
        b[0] = (byte) 0xEB;
        b[1] = 0x58;
        b[2] = (byte) 0x90;
        LE.put16(b, 0x0B, 512);
        b[0x0D] = 1;
        LE.put16(b, 0x0E, 32);
        b[0x10] = 2;
        b[0x15] = (byte) 0xF8;
        LE.put32(b, 0x20, VOLUME / 512);
        LE.put32(b, 0x24, 1020); // 1020 * 128 entries >= 130000 clusters
        LE.put32(b, 0x2C, 2);
        LE.put16(b, 0x30, 1);
        LE.put16(b, 0x32, 6);
        b[0x42] = 0x29;
        LE.put32(b, 0x43, 0x1234ABCDL);
        System.arraycopy("MY LABEL   ".getBytes(), 0, b, 0x47, 11);
        LE.put16(b, 0x1FE, 0xAA55);
        return b;
    }

    /** A FAT16 boot sector: 16 MiB, 2 KiB clusters, 512 root entries. */
    static byte[] fat16() {
        byte[] b = new byte[512];
        b[0] = (byte) 0xEB;
        LE.put16(b, 0x0B, 512);
        b[0x0D] = 4;
        LE.put16(b, 0x0E, 4);
        b[0x10] = 2;
        LE.put16(b, 0x11, 512);
        LE.put16(b, 0x13, 32768);
        b[0x15] = (byte) 0xF8;
        LE.put16(b, 0x16, 32);
        b[0x26] = 0x29;
        LE.put32(b, 0x27, 0xCAFEBABEL);
        System.arraycopy("NO NAME    ".getBytes(), 0, b, 0x2B, 11);
        LE.put16(b, 0x1FE, 0xAA55);
        return b;
    }

    @Test
    void readsFat32() throws Exception {
        Bpb p = Bpb.read(fat32(), VOLUME);
        assertEquals(FatType.FAT32, p.type());
        assertEquals(512, p.clusterSize());
        assertEquals(2, p.rootCluster());
        assertEquals(0x1234ABCDL, p.serialNumber());
        assertEquals("MY LABEL", p.label());
        assertEquals((VOLUME / 512 - 32 - 2040), p.clusterCount());
        assertEquals(32 * 512, p.fatOffset(0));
        assertEquals((32 + 1020) * 512, p.fatOffset(1));
        assertEquals((32 + 2040) * 512, p.dataOffset());
        assertEquals(1, p.fsInfoSector());
    }

    @Test
    void readsFat16WithFixedRoot() throws Exception {
        Bpb p = Bpb.read(fat16(), 16L << 20);
        assertEquals(FatType.FAT16, p.type());
        assertEquals((4 + 64) * 512, p.rootDirOffset());
        assertEquals(512 * 32, p.rootDirBytes());
        assertEquals((4 + 64 + 32) * 512, p.dataOffset());
        assertEquals((32768 - 100) / 4, p.clusterCount());
        assertEquals(0xCAFEBABEL, p.serialNumber());
    }

    @Test
    void typeFollowsClusterCountOnly() throws Exception {
        byte[] b = fat16();
        LE.put16(b, 0x13, 4 + 64 + 32 + 4084 * 4); // 4084 clusters: FAT12 even with "FAT16" sizes
        assertEquals(FatType.FAT12, Bpb.read(b, 16L << 20).type());
        LE.put16(b, 0x13, 4 + 64 + 32 + 4085 * 4);
        assertEquals(FatType.FAT16, Bpb.read(b, 16L << 20).type());
        assertEquals(FatType.FAT12, FatType.forClusterCount(4084));
        assertEquals(FatType.FAT32, FatType.forClusterCount(65525));
        assertEquals(FatType.FAT16, FatType.forClusterCount(65524));
    }

    @Test
    void mirroringFlags() throws Exception {
        byte[] b = fat32();
        LE.put16(b, 0x28, 0x81);
        Bpb p = Bpb.read(b, VOLUME);
        assertTrue(p.mirroringDisabled());
        assertEquals(1, p.activeFat());
    }

    private static void rejects(byte[] base, long length, String fragment, Consumer<byte[]> mutation) {
        byte[] b = base.clone();
        mutation.accept(b);
        FatFormatException e = assertThrows(FatFormatException.class, () -> Bpb.read(b, length));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void rejectsEachBadField() {
        byte[] b = fat32();
        rejects(b, VOLUME, "0x0:", x -> x[0] = 0);
        rejects(b, VOLUME, "0x1fe", x -> x[0x1FF] = 0);
        rejects(b, VOLUME, "0xb:", x -> LE.put16(x, 0x0B, 500));
        rejects(b, VOLUME, "0xd:", x -> x[0x0D] = 3);
        rejects(b, VOLUME, "0xd:", x -> x[0x0D] = 0);
        rejects(b, VOLUME, "0xe:", x -> LE.put16(x, 0x0E, 0));
        rejects(b, VOLUME, "0x10:", x -> x[0x10] = 0);
        rejects(b, VOLUME, "0x13:", x -> LE.put32(x, 0x20, 0));
        rejects(b, VOLUME, "0x24:", x -> LE.put32(x, 0x24, 0));
        rejects(b, VOLUME, "0x24:", x -> LE.put32(x, 0x24, 500)); // FAT too small
        rejects(b, VOLUME, "0x11:", x -> LE.put16(x, 0x11, 512));
        rejects(b, VOLUME, "0x2a:", x -> LE.put16(x, 0x2A, 1));
        rejects(b, VOLUME, "0x2c:", x -> LE.put32(x, 0x2C, 1));
        rejects(b, VOLUME, "0x2c:", x -> LE.put32(x, 0x2C, 0x0FFFFFFF));
        rejects(b, VOLUME, "data region", x -> LE.put32(x, 0x24, 0x7FFFFFFFL));
        rejects(b, 4096, "beyond the volume length", x -> { });
        rejects(fat16(), 16L << 20, "0x11:", x -> LE.put16(x, 0x11, 0));
        rejects(fat16(), 64L << 20, "FAT size field", x -> {
            x[0x0D] = 1;
            LE.put16(x, 0x13, 0);
            LE.put32(x, 0x20, 100 + 70000); // 70000 clusters: FAT32, but FAT16 layout
        });
        rejects(fat16(), 16L << 20, "0x16:", x -> LE.put16(x, 0x13, 0xFFFF));
        rejects(fat16(), 16L << 20, "need 512", x -> { }, 100);
    }

    private static void rejects(byte[] base, long length, String fragment, Consumer<byte[]> m, int size) {
        byte[] b = java.util.Arrays.copyOf(base, size);
        assertThrows(FatFormatException.class, () -> Bpb.read(b, length), fragment);
    }
}
