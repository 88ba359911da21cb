package org.jwim.fat.format;

import java.nio.charset.Charset;
import org.jwim.common.LE;

/**
 * A 32-byte short (8.3) directory entry. Names are decoded with the volume's OEM code page,
 * trailing spaces removed; a first byte 0x05 stands for 0xE5. Dates and times are the raw
 * packed fields (see {@code FatTimes}).
 *
 * @param base          up to 8 characters as stored (normally upper case)
 * @param ext           up to 3 characters as stored
 * @param checksum      the LFN checksum of the 11 raw name bytes
 * @param attributes    attribute byte (0x01 read-only, 0x02 hidden, 0x04 system, 0x08 label,
 *                      0x10 directory, 0x20 archive)
 * @param ntFlags       byte 0x0C: 0x08 base is lower case, 0x10 extension is lower case
 * @param createTenths  creation time fine part, units of 10 ms (0..199)
 * @param createTime    packed creation time
 * @param createDate    packed creation date
 * @param accessDate    packed last access date
 * @param writeTime     packed last write time
 * @param writeDate     packed last write date
 * @param firstCluster  first cluster (high word used only when {@code fat32})
 * @param size          file size in bytes (u32)
 */
public record ShortEntry(String base, String ext, int checksum, int attributes, int ntFlags,
                         int createTenths, int createTime, int createDate, int accessDate,
                         int writeTime, int writeDate, long firstCluster, long size) {
    public static final int SIZE = 32;
    public static final int ATTR_READ_ONLY = 0x01;
    public static final int ATTR_HIDDEN = 0x02;
    public static final int ATTR_SYSTEM = 0x04;
    public static final int ATTR_VOLUME_ID = 0x08;
    public static final int ATTR_DIRECTORY = 0x10;
    public static final int ATTR_ARCHIVE = 0x20;
    public static final int ATTR_LONG_NAME = 0x0F;
    public static final int NT_LOWER_BASE = 0x08;
    public static final int NT_LOWER_EXT = 0x10;
    /** First byte of a free entry after which no entry is in use. */
    public static final int END_MARKER = 0x00;
    /** First byte of a deleted entry. */
    public static final int DELETED = 0xE5;
    /** First byte standing for a name that really starts with 0xE5. */
    public static final int KANJI_E5 = 0x05;

    private static final int NAME = 0x00;
    private static final int ATTR = 0x0B;
    private static final int NT_RES = 0x0C;
    private static final int CRT_TENTH = 0x0D;
    private static final int CRT_TIME = 0x0E;
    private static final int CRT_DATE = 0x10;
    private static final int LST_ACC_DATE = 0x12;
    private static final int FST_CLUS_HI = 0x14;
    private static final int WRT_TIME = 0x16;
    private static final int WRT_DATE = 0x18;
    private static final int FST_CLUS_LO = 0x1A;
    private static final int FILE_SIZE = 0x1C;

    /** Reads the entry at {@code off}; the caller has checked the first byte (not 0, not 0xE5). */
    public static ShortEntry read(byte[] b, int off, Charset oem, boolean fat32) {
        byte[] name = new byte[11];
        System.arraycopy(b, off + NAME, name, 0, 11);
        int sum = checksum(name, 0);
        if ((name[0] & 0xFF) == KANJI_E5) {
            name[0] = (byte) DELETED;
        }
        String s = new String(name, oem);
        long cluster = LE.u16(b, off + FST_CLUS_LO);
        if (fat32) {
            cluster |= (long) LE.u16(b, off + FST_CLUS_HI) << 16;
        }
        return new ShortEntry(s.substring(0, 8).stripTrailing(), s.substring(8).stripTrailing(), sum,
                LE.u8(b, off + ATTR), LE.u8(b, off + NT_RES), LE.u8(b, off + CRT_TENTH),
                LE.u16(b, off + CRT_TIME), LE.u16(b, off + CRT_DATE), LE.u16(b, off + LST_ACC_DATE),
                LE.u16(b, off + WRT_TIME), LE.u16(b, off + WRT_DATE), cluster,
                LE.u32(b, off + FILE_SIZE));
    }

    /** The LFN checksum of the 11 name bytes at {@code off} (rotate right, add). */
    public static int checksum(byte[] b, int off) {
        int sum = 0;
        for (int i = 0; i < 11; i++) {
            sum = (((sum & 1) << 7) | ((sum & 0xFF) >>> 1)) + (b[off + i] & 0xFF);
            sum &= 0xFF;
        }
        return sum;
    }

    /** The 8.3 name as stored, e.g. {@code LONGFI~1.TXT}. */
    public String storedName() {
        return ext.isEmpty() ? base : base + "." + ext;
    }

    /** The name as Windows shows it without an LFN: NT lower-case flags applied. */
    public String displayName() {
        String b = (ntFlags & NT_LOWER_BASE) != 0 ? lowerAscii(base) : base;
        if (ext.isEmpty()) {
            return b;
        }
        return b + "." + ((ntFlags & NT_LOWER_EXT) != 0 ? lowerAscii(ext) : ext);
    }

    public boolean isDirectory() {
        return (attributes & ATTR_DIRECTORY) != 0;
    }

    /** The NT flags only ever lower-case A-Z; other characters keep their case. */
    private static String lowerAscii(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (c[i] >= 'A' && c[i] <= 'Z') {
                c[i] += 'a' - 'A';
            }
        }
        return new String(c);
    }
}
