package org.jwim.ntfs.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.jwim.common.LE;

class FixupTest {
    /** A 1 KiB record with USA at 0x30, USN 0x0007, original sector-end bytes 0xAABB / 0xCCDD. */
    static byte[] protectedRecord() {
        byte[] b = new byte[1024];
        LE.put16(b, 4, 0x30);
        LE.put16(b, 6, 3);
        LE.put16(b, 0x30, 7);
        LE.put16(b, 0x32, 0xBBAA);
        LE.put16(b, 0x34, 0xDDCC);
        LE.put16(b, 510, 7);
        LE.put16(b, 1022, 7);
        return b;
    }

    @Test
    void restoresSectorEnds() {
        byte[] b = protectedRecord();
        assertNull(Fixup.apply(b, 0, 1024));
        assertEquals(0xBBAA, LE.u16(b, 510));
        assertEquals(0xDDCC, LE.u16(b, 1022));
    }

    @Test
    void worksAtAnOffsetInsideABuffer() {
        byte[] b = new byte[4096];
        System.arraycopy(protectedRecord(), 0, b, 2048, 1024);
        assertNull(Fixup.apply(b, 2048, 1024));
        assertEquals(0xDDCC, LE.u16(b, 2048 + 1022));
    }

    @Test
    void rejectsATornSector() {
        byte[] b = protectedRecord();
        LE.put16(b, 1022, 8);
        String problem = Fixup.apply(b, 0, 1024);
        assertNotNull(problem);
        assertTrue(problem.contains("sector 1"), problem);
        assertEquals(7, LE.u16(b, 510), "nothing is modified when a check fails");
    }

    @Test
    void rejectsABadCount() {
        byte[] b = protectedRecord();
        LE.put16(b, 6, 2);
        assertTrue(Fixup.apply(b, 0, 1024).contains("count"));
    }

    @Test
    void rejectsAnArrayOutsideTheFirstSector() {
        byte[] b = protectedRecord();
        LE.put16(b, 4, 0x1FE);
        assertTrue(Fixup.apply(b, 0, 1024).contains("offset"));
        b = protectedRecord();
        LE.put16(b, 4, 0x31);
        assertTrue(Fixup.apply(b, 0, 1024).contains("offset"));
        b = protectedRecord();
        LE.put16(b, 4, 0xFFFF);
        assertTrue(Fixup.apply(b, 0, 1024).contains("offset"));
    }
}
