package org.jwim.fat.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jwim.fat.FatType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FatTableTest {
    @TempDir
    Path tmp;

    @Test
    void fat12PacksTwoEntriesInThreeBytes() throws Exception {
        // entries 0xABC, 0xDEF, 0x123, 0x456 -> BC FA DE 23 61 45 (+ pad)
        byte[] b = {(byte) 0xBC, (byte) 0xFA, (byte) 0xDE, 0x23, 0x61, 0x45, 0};
        int[] out = new int[4];
        FatTable.decode12(b, out, 4);
        assertEquals(0xABC, out[0]);
        assertEquals(0xDEF, out[1]);
        assertEquals(0x123, out[2]);
        assertEquals(0x456, out[3]);
    }

    @Test
    void pagedAccessMatchesLoadedEntries() throws Exception {
        Path f = tmp.resolve("bigfat");
        byte[] b = new byte[3 + 4 * 1000];
        new java.util.Random(42).nextBytes(b);
        Files.write(f, b);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            for (FatType t : new FatType[] {FatType.FAT16, FatType.FAT32}) {
                int n = t == FatType.FAT16 ? 2000 : 1000;
                FatTable whole = FatTable.load(ch, 3, t, n);
                FatTable paged = FatTable.load(ch, 3, t, n, 10, 16, 3);
                assertEquals(false, whole.isPaged());
                assertEquals(true, paged.isPaged());
                // strided and backwards so pages are evicted and reloaded
                java.util.Random r = new java.util.Random(7);
                for (int i = 0; i < 20_000; i++) {
                    int c = r.nextInt(n);
                    assertEquals(whole.get(c), paged.get(c), t + " entry " + c);
                }
                for (int c = n - 1; c >= 0; c--) {
                    assertEquals(whole.get(c), paged.get(c));
                }
                org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> paged.get(n));
            }
            // FAT12 is always loaded whole
            assertEquals(false, FatTable.load(ch, 3, FatType.FAT12, 100, 10, 16, 3).isPaged());
        }
    }

    @Test
    void loadsEachWidthFromAChannel() throws Exception {
        Path f = tmp.resolve("fat");
        byte[] b = new byte[64];
        b[8] = 0x00; // 1 byte gap at the start
        // at offset 1: FAT32 entries 0xFFFFFFF8 (the top 4 bits are reserved: masked), 3
        ByteBuffer.wrap(b, 1, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0xFFFFFFF8).putInt(3);
        Files.write(f, b);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            FatTable t32 = FatTable.load(ch, 1, FatType.FAT32, 2);
            assertEquals(0x0FFFFFF8, t32.get(0));
            assertEquals(3, t32.get(1));
            FatTable t16 = FatTable.load(ch, 1, FatType.FAT16, 4);
            assertEquals(0xFFF8, t16.get(0));
            assertEquals(0xFFFF, t16.get(1));
            assertEquals(3, t16.get(2));
            FatTable t12 = FatTable.load(ch, 1, FatType.FAT12, 3);
            assertEquals(0xFF8, t12.get(0));
            assertEquals(0xFFF, t12.get(1));
            assertEquals(0x3FF, t12.get(2)); // bytes FF 03: low 12 bits
        }
    }
}
