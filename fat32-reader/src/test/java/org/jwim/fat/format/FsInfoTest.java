package org.jwim.fat.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.jwim.common.LE;

class FsInfoTest {
    static byte[] valid() {
        byte[] b = new byte[512];
        LE.put32(b, 0, 0x41615252L);
        LE.put32(b, 0x1E4, 0x61417272L);
        LE.put32(b, 0x1E8, 1234);
        LE.put32(b, 0x1EC, 99);
        LE.put32(b, 0x1FC, 0xAA550000L);
        return b;
    }

    @Test
    void readsCounts() {
        FsInfo f = FsInfo.read(valid());
        assertEquals(1234, f.freeCount());
        assertEquals(99, f.nextFree());
    }

    @Test
    void eachBadSignatureGivesNull() {
        for (int off : new int[] {0, 0x1E4, 0x1FC}) {
            byte[] b = valid();
            b[off + 1] ^= 1;
            assertNull(FsInfo.read(b), "signature at " + off);
        }
        assertNull(FsInfo.read(new byte[100]));
    }
}
