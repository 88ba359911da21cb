package org.jwim.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LETest {
    @Test
    void unsignedReadsDoNotSignExtend() {
        byte[] b = {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0x80};
        assertEquals(0xFE, LE.u8(b, 0));
        assertEquals(0xFFFE, LE.u16(b, 0));
        assertEquals(0xFFFF_FFFEL, LE.u32(b, 0));
        assertEquals(-2, LE.i32(b, 0));
        assertEquals(0x80FF_FFFF_FFFF_FFFEL, LE.u64(b, 0));
        assertEquals(0x80FF_FFFFL, LE.u32(b, 4)); // any offset, not only aligned ones
    }

    @Test
    void writesAreLittleEndianMirrorsOfTheReads() {
        byte[] b = new byte[15];
        LE.put16(b, 1, 0xBEEF);
        LE.put32(b, 3, 0xDEAD_BEEFL);
        LE.put64(b, 7, 0x0102_0304_0506_0708L);
        assertArrayEquals(new byte[] {0, (byte) 0xEF, (byte) 0xBE, (byte) 0xEF, (byte) 0xBE, (byte) 0xAD, (byte) 0xDE,
            8, 7, 6, 5, 4, 3, 2, 1}, b);
        assertEquals(0xBEEF, LE.u16(b, 1));
        assertEquals(0xDEAD_BEEFL, LE.u32(b, 3));
        assertEquals(0x0102_0304_0506_0708L, LE.u64(b, 7));
    }
}
