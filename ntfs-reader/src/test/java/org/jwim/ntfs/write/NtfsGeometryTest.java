package org.jwim.ntfs.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jwim.common.LE;
import org.jwim.ntfs.NtfsFormatException;
import org.junit.jupiter.api.Test;

/** Geometry taken from an existing boot sector, and what the writer refuses. */
class NtfsGeometryTest {
    private static byte[] boot(int spc, int recordCode, long sectors) {
        byte[] b = new byte[512];
        System.arraycopy("NTFS    ".getBytes(), 0, b, 3, 8);
        LE.put16(b, 0x0B, 512);
        b[0x0D] = (byte) spc;
        LE.put64(b, 0x28, sectors);
        LE.put64(b, 0x30, 4);
        LE.put64(b, 0x38, 8);
        b[0x40] = (byte) recordCode;
        b[0x44] = 1;
        LE.put64(b, 0x48, 0x1234_5678_9ABCL);
        LE.put16(b, 0x1FE, 0xAA55);
        return b;
    }

    @Test
    void keepsTheOldGeometrySerialAndBootSector() throws Exception {
        byte[] b = boot(8, -10, (16L << 20) / 512 - 1);
        NtfsGeometry g = NtfsGeometry.of(b, 16L << 20, "LBL", 1 << 20);
        assertEquals(4096, g.clusterSize());
        assertEquals(1024, g.recordSize());
        assertEquals(4096, g.indexBlockSize());
        assertEquals(0x1234_5678_9ABCL, g.serialNumber());
        assertEquals("LBL", g.label());
        assertEquals(1 << 20, g.logFileSize());
        assertEquals(4095, g.totalClusters());
        b[0x100] = 7;                                   // the template is a copy
        assertEquals(0, g.bootSector()[0x100]);
    }

    @Test
    void refusesGeometriesTheWriterDoesNotSupportWithATypedError() {
        NtfsFormatException e = assertThrows(NtfsFormatException.class,
                () -> NtfsGeometry.of(boot(8, -9, 32767), 16L << 20, "", 1 << 20));
        assertTrue(e.getMessage().contains("MFT record size 512"), e.getMessage());
        assertThrows(NtfsFormatException.class, () -> NtfsGeometry.of(boot(8, -10, 32768), 16L << 20, "", 1 << 20),
                "no room for the backup boot sector");
        assertThrows(NtfsFormatException.class, () -> NtfsGeometry.of(new byte[512], 16L << 20, "", 1 << 20));
        assertThrows(IllegalArgumentException.class, () -> NtfsGeometry.defaults(1 << 20, 4096, ""));
    }
}
