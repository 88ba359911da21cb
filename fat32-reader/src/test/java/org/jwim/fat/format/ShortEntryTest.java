package org.jwim.fat.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.jwim.common.LE;

class ShortEntryTest {
    private static final Charset CP437 = Charset.forName("IBM437");

    static byte[] entry(String name11, int attr, int nt) {
        byte[] b = new byte[32];
        System.arraycopy(name11.getBytes(StandardCharsets.ISO_8859_1), 0, b, 0, 11);
        b[0x0B] = (byte) attr;
        b[0x0C] = (byte) nt;
        b[0x0D] = (byte) 123;           // 1.23 s
        LE.put16(b, 0x0E, 0x6C85);      // 13:36:10
        LE.put16(b, 0x10, 0x5A36);      // 2025-01-22
        LE.put16(b, 0x12, 0x5A37);      // 2025-01-23
        LE.put16(b, 0x14, 0x0001);
        LE.put16(b, 0x16, 0x6C86);
        LE.put16(b, 0x18, 0x5A36);
        LE.put16(b, 0x1A, 0x0203);
        LE.put32(b, 0x1C, 0xFFFFFFFFL);
        return b;
    }

    @Test
    void decodesFields() {
        ShortEntry e = ShortEntry.read(entry("README  TXT", 0x21, 0), 0, CP437, true);
        assertEquals("README", e.base());
        assertEquals("TXT", e.ext());
        assertEquals("README.TXT", e.storedName());
        assertEquals("README.TXT", e.displayName());
        assertEquals(0x21, e.attributes());
        assertEquals(0x10203, e.firstCluster());
        assertEquals(0xFFFFFFFFL, e.size());
        assertEquals(123, e.createTenths());
        assertEquals(0x6C85, e.createTime());
        assertEquals(0x5A37, e.accessDate());
        assertFalse(e.isDirectory());
    }

    @Test
    void highClusterWordIgnoredOnFat16() {
        assertEquals(0x0203, ShortEntry.read(entry("A          ", 0, 0), 0, CP437, false).firstCluster());
    }

    @Test
    void ntCaseFlags() {
        assertEquals("readme.TXT", ShortEntry.read(entry("README  TXT", 0, 0x08), 0, CP437, true).displayName());
        assertEquals("README.txt", ShortEntry.read(entry("README  TXT", 0, 0x10), 0, CP437, true).displayName());
        ShortEntry both = ShortEntry.read(entry("README  TXT", 0, 0x18), 0, CP437, true);
        assertEquals("readme.txt", both.displayName());
        assertEquals("README.TXT", both.storedName());
        assertEquals("makefile", ShortEntry.read(entry("MAKEFILE   ", 0, 0x18), 0, CP437, true).displayName());
        // only A-Z are lowered; "_1" keeps its shape
        assertEquals("a_1", ShortEntry.read(entry("A_1        ", 0, 0x08), 0, CP437, true).displayName());
    }

    @Test
    void escape05StandsForE5() {
        byte[] b = entry("\u0005ABC    TXT", 0, 0);
        ShortEntry e = ShortEntry.read(b, 0, CP437, true);
        assertEquals("\u03C3ABC.TXT", e.storedName()); // 0xE5 is small sigma in code page 437
        // the checksum covers the stored byte 0x05, not 0xE5
        assertEquals(referenceChecksum(b), e.checksum());
    }

    @Test
    void directoryAttribute() {
        assertTrue(ShortEntry.read(entry("DIR        ", 0x10, 0), 0, CP437, true).isDirectory());
    }

    @Test
    void checksumMatchesSpecificationFormula() {
        byte[] b = "LONGFI~1TXT".getBytes(StandardCharsets.US_ASCII);
        assertEquals(referenceChecksum(b), ShortEntry.checksum(b, 0));
        assertEquals(0, ShortEntry.checksum(new byte[11], 0));
        byte[] one = new byte[11];
        one[10] = 1;
        assertEquals(1, ShortEntry.checksum(one, 0));
        one[9] = 1;
        one[10] = 0;
        assertEquals(0x80, ShortEntry.checksum(one, 0)); // 1 rotated right once
    }

    /** The specification's loop, written independently: Sum = ((Sum & 1) ? 0x80 : 0) + (Sum >> 1) + c. */
    static int referenceChecksum(byte[] name) {
        int sum = 0;
        for (int i = 0; i < 11; i++) {
            sum = ((sum & 1) != 0 ? 0x80 : 0) + (sum >> 1) + (name[i] & 0xFF);
            sum %= 256;
        }
        return sum;
    }
}
