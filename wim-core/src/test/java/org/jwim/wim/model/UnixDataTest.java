package org.jwim.wim.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The UNIX data tagged item, byte for byte as wimlib writes it. */
class UnixDataTest {
    @Test
    void itemIsTagLengthAndFourLittleEndianWords() {
        Inode in = new Inode(Inode.ATTR_NORMAL);
        new UnixData(1234, 5678, 0100640, 0x7c8).setOn(in);
        assertEquals("73d87d3310000000" + "d2040000" + "2e160000" + "a0810000" + "c8070000",
                HexFormat.of().formatHex(in.taggedItems()));
        assertEquals(new UnixData(1234, 5678, 0100640, 0x7c8), UnixData.of(in));
    }

    @Test
    void settingAgainReplacesTheItemAndKeepsOthers() {
        Inode in = new Inode(Inode.ATTR_NORMAL);
        byte[] objectId = TaggedItems.encode(TaggedItems.TAG_OBJECT_ID, new byte[16]);
        in.taggedItems(objectId);
        new UnixData(1, 2, 040755, 0).setOn(in);
        new UnixData(0xFFFF_FFFEL, 3, 060644, 0x103).setOn(in);
        assertEquals(objectId.length + 24, in.taggedItems().length);
        assertArrayEquals(new byte[16], TaggedItems.find(in.taggedItems(), TaggedItems.TAG_OBJECT_ID));
        UnixData u = UnixData.of(in);
        assertEquals(0xFFFF_FFFEL, u.uid());
        assertTrue(u.isSpecial());
        assertEquals(UnixData.S_IFBLK, u.type());
    }

    @Test
    void absentShortOrOutOfRange() {
        Inode in = new Inode(Inode.ATTR_NORMAL);
        assertNull(UnixData.of(in));
        in.taggedItems(TaggedItems.encode(UnixData.TAG, new byte[12]));
        assertNull(UnixData.of(in), "shorter than wimlib's 16 bytes");
        assertThrows(IllegalArgumentException.class, () -> new UnixData(-1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new UnixData(0, 1L << 32, 0, 0));
    }
}
