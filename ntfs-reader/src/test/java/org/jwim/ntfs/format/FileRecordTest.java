package org.jwim.ntfs.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jwim.common.LE;
import org.jwim.ntfs.NtfsFormatException;

class FileRecordTest {
    static final int FIRST = 0x38;

    /**
     * A 1 KiB in-use file record: resident $STANDARD_INFORMATION-like value at 0x38 (attribute id
     * 1, name "nm"), then a non-resident $DATA at 0x68, then the end marker.
     */
    static byte[] record() {
        byte[] b = new byte[1024];
        LE.put32(b, 0, FileRecord.SIGNATURE_FILE);
        LE.put16(b, 0x10, 9);                 // sequence
        LE.put16(b, 0x14, FIRST);
        LE.put16(b, 0x16, FileRecord.FLAG_IN_USE);
        LE.put32(b, 0x1C, 1024);
        int p = FIRST;
        // resident attribute: header 0x18, name at 0x18 (2 chars), value at 0x20 (8 bytes)
        LE.put32(b, p, Attribute.TYPE_STANDARD_INFORMATION);
        LE.put32(b, p + 4, 0x30);
        b[p + 9] = 2;
        LE.put16(b, p + 0x0A, 0x18);
        LE.put16(b, p + 0x0E, 1);
        LE.put32(b, p + 0x10, 8);
        LE.put16(b, p + 0x14, 0x20);
        System.arraycopy("nm".getBytes(StandardCharsets.UTF_16LE), 0, b, p + 0x18, 4);
        LE.put64(b, p + 0x20, 0x0102030405060708L);
        p += 0x30;
        // non-resident $DATA: VCN 0..7, runs at 0x40: 8 clusters at LCN 0x20
        LE.put32(b, p, Attribute.TYPE_DATA);
        LE.put32(b, p + 4, 0x48);
        b[p + 8] = 1;
        LE.put16(b, p + 0x0A, 0x40);
        LE.put16(b, p + 0x0C, Attribute.FLAG_SPARSE);
        LE.put16(b, p + 0x0E, 2);
        LE.put64(b, p + 0x10, 0);
        LE.put64(b, p + 0x18, 7);
        LE.put16(b, p + 0x20, 0x40);
        LE.put64(b, p + 0x28, 8 * 4096);
        LE.put64(b, p + 0x30, 30000);
        LE.put64(b, p + 0x38, 20000);
        System.arraycopy(HexFormat.of().parseHex("11082000"), 0, b, p + 0x40, 4);
        p += 0x48;
        LE.put32(b, p, Attribute.TYPE_END);
        LE.put32(b, 0x18, p + 8);
        return b;
    }

    static final int DATA = FIRST + 0x30;

    private static FileRecord parse(byte[] b, List<String> warnings) throws NtfsFormatException {
        return FileRecord.parse(b, 0, b.length, 42, 1000, warnings);
    }

    @Test
    void parsesResidentAndNonResidentAttributes() throws Exception {
        List<String> w = new ArrayList<>();
        FileRecord r = parse(record(), w);
        assertEquals(List.of(), w);
        assertEquals(42, r.recordNumber());
        assertEquals(9, r.sequence());
        assertTrue(r.inUse());
        assertEquals(0, r.baseRecord());
        assertEquals(2, r.attributes().size());
        Attribute si = r.attributes().get(0);
        assertEquals("nm", si.name());
        assertEquals(1, si.id());
        assertArrayEquals(HexFormat.of().parseHex("0807060504030201"), si.value());
        Attribute data = r.attributes().get(1);
        assertNull(data.value());
        assertEquals(30000, data.dataSize());
        assertEquals(20000, data.initializedSize());
        assertEquals(Attribute.FLAG_SPARSE, data.flags());
        assertEquals(0x20, data.runs().lcn(0));
        assertEquals(8, data.runs().totalClusters());
    }

    private static void rejects(byte[] b, String fragment) {
        NtfsFormatException e = assertThrows(NtfsFormatException.class, () -> parse(b, new ArrayList<>()));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().contains("MFT record 42"), e.getMessage());
    }

    @Test
    void rejectsDamagedRecordStructure() {
        byte[] b = record();
        b[0] = 'X';
        rejects(b, "signature");
        b = record();
        LE.put32(b, 0x18, 2000);
        rejects(b, "bytes in use");
        b = record();
        LE.put16(b, 0x14, 0x3A);
        rejects(b, "first attribute");
        b = record();
        LE.put16(b, 0x14, 1020);
        rejects(b, "first attribute");
        b = record();
        LE.put32(b, FIRST + 4, 0x31);
        rejects(b, "attribute length");
        b = record();
        LE.put32(b, FIRST + 4, 0);
        rejects(b, "attribute length");
        b = record();
        LE.put32(b, FIRST + 4, 0x7FFFFFF8);
        rejects(b, "attribute length");
        b = record();
        LE.put32(b, DATA + 0x48, Attribute.TYPE_DATA);   // end marker replaced
        rejects(b, "");
    }

    private static String dropsAttribute(byte[] b) throws NtfsFormatException {
        List<String> w = new ArrayList<>();
        FileRecord r = parse(b, w);
        assertEquals(1, r.attributes().size(), "the damaged attribute is dropped, the rest kept");
        assertEquals(1, w.size());
        return w.get(0);
    }

    @Test
    void dropsADamagedAttributeButKeepsTheRecord() throws Exception {
        byte[] b = record();
        b[FIRST + 9] = 40;                                // name runs past the attribute
        assertTrue(dropsAttribute(b).contains("name"));
        b = record();
        LE.put32(b, FIRST + 0x10, 100);                   // value runs past the attribute
        assertTrue(dropsAttribute(b).contains("resident value"));
        b = record();
        LE.put64(b, DATA + 0x18, 9);                      // VCNs do not match the runs
        assertTrue(dropsAttribute(b).contains("covers"));
        b = record();
        LE.put64(b, DATA + 0x10, -5);                     // negative lowest VCN
        assertTrue(dropsAttribute(b).contains("VCN"));
        b = record();
        LE.put16(b, DATA + 0x20, 0x300);                  // run list offset past the attribute
        assertTrue(dropsAttribute(b).contains("run list offset"));
        b = record();
        LE.put64(b, DATA + 0x30, -1);                     // negative size
        assertTrue(dropsAttribute(b).contains("sizes"));
        b = record();
        b[DATA + 0x40 + 2] = (byte) 0xF0;                 // run LCN 0x7F0... : out of the volume
        b[DATA + 0x40] = 0x21;
        b[DATA + 0x40 + 3] = 0x7F;
        assertTrue(dropsAttribute(b).contains("outside"));
    }
}
