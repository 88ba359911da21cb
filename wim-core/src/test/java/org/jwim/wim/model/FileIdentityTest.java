package org.jwim.wim.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FileIdentityTest {
    @Test
    void layoutIsTheDocumentedOne() {
        FileIdentity id = FileIdentity.ntfs(0x123456789AL, 0xBEEF, 0x01D1_0000_0000_0001L, 0x01D1_0000_0000_0002L, 0x4000);
        // kind, flags, sequence, reserved | record | write time | change time | USN
        assertEquals("0101efbe00000000" + "9a78563412000000" + "010000000000d101" + "020000000000d101"
                + "0040000000000000",
                HexFormat.of().formatHex(id.toBytes()));
        assertEquals(id, FileIdentity.read(id.toBytes()));
        assertEquals(0, FileIdentity.ntfs(5, 5, 1, 2, 0).flags(), "no USN, no flag");
    }

    @Test
    void shortDataIsNoIdentity() {
        assertNull(FileIdentity.read(new byte[FileIdentity.SIZE - 1]));
        assertNull(FileIdentity.read(null));
    }

    @Test
    void storingReplacesTheOldItemAndKeepsTheOthers() {
        Inode in = new Inode(Inode.ATTR_NORMAL);
        byte[] objectId = TaggedItems.encode(TaggedItems.TAG_OBJECT_ID, new byte[16]);
        in.taggedItems(objectId);
        FileIdentity.posix(7, 1, 2).storeIn(in);
        FileIdentity.posix(8, 3, 4).storeIn(in);
        new VolumeIdentity(0xABCDL, 1 << 20).storeIn(in);
        assertEquals(FileIdentity.posix(8, 3, 4), FileIdentity.of(in));
        assertEquals(new VolumeIdentity(0xABCDL, 1 << 20), VolumeIdentity.of(in));
        assertArrayEquals(new byte[16], TaggedItems.find(in.taggedItems(), TaggedItems.TAG_OBJECT_ID));
        assertEquals(objectId.length + 8 + FileIdentity.SIZE + 8 + VolumeIdentity.SIZE, in.taggedItems().length);
    }

    @Test
    void itemsAfterAMalformedLengthAreDropped() {
        byte[] bad = HexFormat.of().parseHex("01000000ff000000");
        Inode in = new Inode(Inode.ATTR_NORMAL).taggedItems(bad);
        FileIdentity.posix(1, 2, 3).storeIn(in);
        assertEquals(8 + FileIdentity.SIZE, in.taggedItems().length);
        assertEquals(FileIdentity.posix(1, 2, 3), FileIdentity.of(in));
    }
}
