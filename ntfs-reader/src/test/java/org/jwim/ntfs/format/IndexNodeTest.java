package org.jwim.ntfs.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.jwim.common.LE;
import org.junit.jupiter.api.Test;

/** Index node entries on hand-made bytes: one good node, then one damaged field per case. */
class IndexNodeTest {
    /** A node header at 0 with one $O-style entry (16-byte key, 8-byte data) and the closing entry. */
    private static byte[] node() {
        byte[] b = new byte[16 + 48 + 16];
        LE.put32(b, 0x00, 16);                 // first entry right after the header
        LE.put32(b, 0x04, b.length);           // bytes in use
        int e = 16;
        LE.put16(b, e, 32);                    // data offset
        LE.put16(b, e + 2, 8);                 // data length
        LE.put16(b, e + 8, 48);                // entry length
        LE.put16(b, e + 10, 16);               // key length
        for (int i = 0; i < 16; i++) {
            b[e + 16 + i] = (byte) (i + 1);
        }
        b[e + 32] = 42;
        LE.put16(b, 64 + 8, 16);
        LE.put16(b, 64 + 12, 2);               // last entry
        return b;
    }

    @Test
    void readsKeyAndDataOfAViewEntry() {
        List<byte[]> out = new ArrayList<>();
        assertNull(IndexNode.entries(node(), 0, 80, out));
        assertEquals(1, out.size());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, IndexNode.key(out.get(0)));
        assertArrayEquals(new byte[] {42, 0, 0, 0, 0, 0, 0, 0}, IndexNode.viewData(out.get(0)));
    }

    @Test
    void damagedFieldsAreReportedNotThrown() {
        byte[] b = node();
        LE.put16(b, 16 + 8, 44);               // entry length not a multiple of 8
        assertEquals("entry at +16 has length 44", IndexNode.entries(b, 0, 80, new ArrayList<>()));
        b = node();
        LE.put16(b, 16 + 10, 40);              // key longer than the entry
        assertEquals("entry at +16 has a key of 40 bytes", IndexNode.entries(b, 0, 80, new ArrayList<>()));
        b = node();
        LE.put32(b, 0x04, 200);                // in-use size past the buffer
        assertEquals("node header out of range", IndexNode.entries(b, 0, 80, new ArrayList<>()));
        b = node();
        LE.put16(b, 64 + 12, 0);               // no closing entry
        List<byte[]> out = new ArrayList<>();
        assertEquals("no closing entry", IndexNode.entries(b, 0, 80, out));
        assertEquals(2, out.size());
        b = node();
        LE.put16(b, 16 + 2, 40);               // data past the entry
        out.clear();
        IndexNode.entries(b, 0, 80, out);
        assertNull(IndexNode.viewData(out.get(0)));
    }
}
