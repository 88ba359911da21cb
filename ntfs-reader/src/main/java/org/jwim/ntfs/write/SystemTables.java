package org.jwim.ntfs.write;

import java.nio.charset.StandardCharsets;
import org.jwim.common.LE;

/** Fixed contents of a fresh volume: the $AttrDef table and the system files' descriptor. */
final class SystemTables {
    private static final int ATTRDEF_ENTRY = 0xA0;
    static final int ATTRDEF_SIZE = 0xA00;             // 16 slots, as Windows and mkntfs write

    // name, type, flags (0x40 indexable/resident-only style bits, 0x80 may be non-resident), min, max
    private static final Object[][] ATTRDEF = {
        {"$STANDARD_INFORMATION", 0x10, 0x40, 48L, 0x48L},
        {"$ATTRIBUTE_LIST", 0x20, 0x80, 0L, -1L},
        {"$FILE_NAME", 0x30, 0x42, 68L, 0x242L},
        {"$OBJECT_ID", 0x40, 0x40, 0L, 0x100L},
        {"$SECURITY_DESCRIPTOR", 0x50, 0x80, 0L, -1L},
        {"$VOLUME_NAME", 0x60, 0x40, 2L, 0x100L},
        {"$VOLUME_INFORMATION", 0x70, 0x40, 12L, 12L},
        {"$DATA", 0x80, 0x00, 0L, -1L},
        {"$INDEX_ROOT", 0x90, 0x40, 0L, -1L},
        {"$INDEX_ALLOCATION", 0xA0, 0x80, 0L, -1L},
        {"$BITMAP", 0xB0, 0x80, 0L, -1L},
        {"$REPARSE_POINT", 0xC0, 0x80, 0L, 0x4000L},
        {"$EA_INFORMATION", 0xD0, 0x40, 8L, 8L},
        {"$EA", 0xE0, 0x00, 0L, 0x10000L},
        {"$LOGGED_UTILITY_STREAM", 0x100, 0x80, 0L, 0x10000L},
    };

    private SystemTables() {
    }

    static byte[] attrDef() {
        byte[] b = new byte[ATTRDEF_SIZE];
        for (int i = 0; i < ATTRDEF.length; i++) {
            Object[] e = ATTRDEF[i];
            int p = i * ATTRDEF_ENTRY;
            byte[] name = ((String) e[0]).getBytes(StandardCharsets.UTF_16LE);
            System.arraycopy(name, 0, b, p, name.length);
            LE.put32(b, p + 0x80, (Integer) e[1]);
            LE.put32(b, p + 0x8C, (Integer) e[2]);
            LE.put64(b, p + 0x90, (Long) e[3]);
            LE.put64(b, p + 0x98, (Long) e[4]);
        }
        return b;
    }

    /**
     * The descriptor given to system files and to a root without one: owner and group
     * BUILTIN\Administrators, full control for Administrators and SYSTEM, read for Everyone.
     */
    static byte[] systemDescriptor() {
        byte[] admins = sid(5, 32, 544);
        byte[] system = sid(5, 18);
        byte[] everyone = sid(1, 0);
        byte[][] aces = {ace(0x001F01FF, admins), ace(0x001F01FF, system), ace(0x001200A9, everyone)};
        int aclLen = 8;
        for (byte[] a : aces) {
            aclLen += a.length;
        }
        int ownerOff = 20;
        int groupOff = ownerOff + admins.length;
        int daclOff = groupOff + admins.length;
        byte[] sd = new byte[daclOff + aclLen];
        sd[0] = 1;
        LE.put16(sd, 2, 0x8004);                        // self-relative, DACL present
        LE.put32(sd, 4, ownerOff);
        LE.put32(sd, 8, groupOff);
        LE.put32(sd, 16, daclOff);
        System.arraycopy(admins, 0, sd, ownerOff, admins.length);
        System.arraycopy(admins, 0, sd, groupOff, admins.length);
        sd[daclOff] = 2;
        LE.put16(sd, daclOff + 2, aclLen);
        LE.put16(sd, daclOff + 4, aces.length);
        int p = daclOff + 8;
        for (byte[] a : aces) {
            System.arraycopy(a, 0, sd, p, a.length);
            p += a.length;
        }
        return sd;
    }

    private static byte[] sid(int authority, int... subs) {
        byte[] s = new byte[8 + 4 * subs.length];
        s[0] = 1;
        s[1] = (byte) subs.length;
        s[7] = (byte) authority;
        for (int i = 0; i < subs.length; i++) {
            LE.put32(s, 8 + 4 * i, subs[i]);
        }
        return s;
    }

    private static byte[] ace(int mask, byte[] sid) {
        byte[] a = new byte[8 + sid.length];
        a[0] = 0;                                       // ACCESS_ALLOWED
        a[1] = 0;
        LE.put16(a, 2, a.length);
        LE.put32(a, 4, mask);
        System.arraycopy(sid, 0, a, 8, sid.length);
        return a;
    }
}
