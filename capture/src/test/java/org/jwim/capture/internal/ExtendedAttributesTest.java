package org.jwim.capture.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** $EA (as ntfs-3g's system.ntfs_ea gives it) to the WIM's EA item and back, and damaged input. */
class ExtendedAttributesTest {
    /** Two entries: "$LXUID" = e8030000, and "USER.X" = "hello world" flagged NEED_EA. */
    private static final byte[] NTFS = HexFormat.of().parseHex("1400000000060400244c5855494400e8030000"
            + "001c00000080060b00555345522e580068656c6c6f20776f726c640000");
    private static final byte[] WIM = HexFormat.of().parseHex("04000600244c5855494400e8030000"
            + "0b000680555345522e580068656c6c6f20776f726c64");

    @Test
    void convertsBothWays() {
        assertArrayEquals(WIM, ExtendedAttributes.fromNtfs(NTFS));
        assertArrayEquals(NTFS, ExtendedAttributes.toNtfs(WIM));
    }

    @Test
    void malformedInputIsRefused() {
        byte[] b = NTFS.clone();
        b[6] = 0x40;                                  // value runs past the end
        assertNull(ExtendedAttributes.fromNtfs(b));
        b = NTFS.clone();
        b[0] = 4;                                     // next entry inside this one
        assertNull(ExtendedAttributes.fromNtfs(b));
        b = WIM.clone();
        b[4 + 6] = 'x';                               // name not NUL-terminated
        assertNull(ExtendedAttributes.toNtfs(b));
        assertNull(ExtendedAttributes.toNtfs(new byte[] {1, 0, 2}));
        assertNull(ExtendedAttributes.toNtfs(new byte[0]));
    }
}
