package org.jwim.ntfs.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jwim.common.LE;
import org.jwim.ntfs.NtfsFormatException;

class BootSectorTest {
    static final long VOLUME = 1L << 30;

    /** A valid boot sector: 512-byte sectors, 8 sectors per cluster, 1 KiB records. */
    static byte[] valid() {
        byte[] b = new byte[512];
        System.arraycopy("NTFS    ".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, b, 3, 8);
        LE.put16(b, 0x0B, 512);
        b[0x0D] = 8;
        LE.put64(b, 0x28, VOLUME / 512 - 1);
        LE.put64(b, 0x30, 4);
        LE.put64(b, 0x38, 2);
        b[0x40] = (byte) -10;
        b[0x44] = 1;
        LE.put64(b, 0x48, 0x1122334455667788L);
        LE.put16(b, 0x1FE, 0xAA55);
        return b;
    }

    @Test
    void readsAValidBootSector() throws Exception {
        BootSector bs = BootSector.read(valid(), VOLUME);
        assertEquals(512, bs.bytesPerSector());
        assertEquals(4096, bs.clusterSize());
        assertEquals(1024, bs.fileRecordSize());
        assertEquals(4096, bs.indexBlockSize());
        assertEquals(4, bs.mftLcn());
        assertEquals(2, bs.mftMirrLcn());
        assertEquals(0x1122334455667788L, bs.serialNumber());
        assertEquals((VOLUME / 512 - 1) / 8, bs.totalClusters());
    }

    @ParameterizedTest
    @CsvSource({"512,1,512", "512,128,65536", "4096,1,4096", "4096,16,65536", "512,247,262144",
        "512,244,2097152", "4096,248,1048576", "1024,246,1048576"})
    void decodesAllClusterSizes(int bps, int spc, int clusterSize) throws Exception {
        byte[] b = valid();
        LE.put16(b, 0x0B, bps);
        b[0x0D] = (byte) spc;
        LE.put64(b, 0x28, VOLUME / bps);
        BootSector bs = BootSector.read(b, VOLUME);
        assertEquals(clusterSize, bs.clusterSize());
        assertEquals(VOLUME / clusterSize, bs.totalClusters());
    }

    @ParameterizedTest
    @CsvSource({"-10,1024", "-12,4096", "1,4096", "2,8192", "-9,512"})
    void decodesRecordSizes(int raw, int size) throws Exception {
        byte[] b = valid();
        b[0x40] = (byte) raw;
        assertEquals(size, BootSector.read(b, VOLUME).fileRecordSize());
    }

    private static void rejects(byte[] b, String fragment) {
        NtfsFormatException e = assertThrows(NtfsFormatException.class, () -> BootSector.read(b, VOLUME));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void rejectsEachBadField() {
        byte[] b = valid();
        b[3] = 'X';
        rejects(b, "OEM");
        b = valid();
        b[0x1FE] = 0;
        rejects(b, "end marker");
        b = valid();
        LE.put16(b, 0x0B, 500);
        rejects(b, "bytes per sector");
        b = valid();
        b[0x0D] = 0;
        rejects(b, "sectors per cluster is 0");
        b = valid();
        b[0x0D] = 3;
        rejects(b, "not a power of two");
        b = valid();
        b[0x0D] = (byte) 0xE0;          // 2^32 sectors
        rejects(b, "too large");
        b = valid();
        b[0x0D] = (byte) 0xF3;          // 2^13 * 512 = 4 MiB
        rejects(b, "cluster size");
        b = valid();
        LE.put64(b, 0x28, VOLUME);      // more sectors than the volume holds
        rejects(b, "total sectors");
        b = valid();
        LE.put64(b, 0x28, -1);
        rejects(b, "total sectors");
        b = valid();
        LE.put64(b, 0x30, VOLUME);
        rejects(b, "$MFT cluster");
        b = valid();
        LE.put64(b, 0x30, 0);
        rejects(b, "$MFT cluster");
        b = valid();
        LE.put64(b, 0x38, -5);
        rejects(b, "$MFTMirr");
        b = valid();
        b[0x40] = 3;
        rejects(b, "file record");
        b = valid();
        b[0x40] = (byte) -30;
        rejects(b, "file record");
        b = valid();
        b[0x40] = 32;                   // 128 KiB records
        rejects(b, "file record");
        assertThrows(NtfsFormatException.class, () -> BootSector.read(new byte[100], VOLUME));
    }
}
