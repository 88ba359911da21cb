package org.jwim.capture.disk.build;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * The sectors of a GUID partition table (UEFI 2.x, chapter 5): a protective MBR at LBA 0, the
 * primary header at LBA 1 and its entry array at LBA 2, the backup entry array just before the
 * backup header in the last sector. Headers and arrays carry their CRC32s.
 */
final class GptWriter {
    private static final byte[] SIGNATURE = "EFI PART".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_SIZE = 92;

    /** Bytes to write and where. */
    record Region(long offset, byte[] bytes) {
    }

    private GptWriter() {
    }

    static List<Region> regions(long diskSize, int ss, List<Placed> parts, Random random) {
        long lastLba = diskSize / ss - 1;
        long arraySectors = Layout.gptArraySectors(ss);
        byte[] array = new byte[(int) (arraySectors * ss)];
        ByteBuffer a = ByteBuffer.wrap(array).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < parts.size(); i++) {
            Placed p = parts.get(i);
            int e = i * Layout.GPT_ENTRY_SIZE;
            putGuid(array, e, p.spec().type().guid());
            putGuid(array, e + 16, randomGuid(random));
            a.putLong(e + 32, p.firstLba()).putLong(e + 40, p.lastLba());
            byte[] name = p.spec().name().getBytes(StandardCharsets.UTF_16LE);
            System.arraycopy(name, 0, array, e + 56, Math.min(name.length, 72));
        }
        long arrayCrc = crc(array, 0, Layout.GPT_ENTRIES * Layout.GPT_ENTRY_SIZE);
        long firstUsable = 2 + arraySectors;
        long lastUsable = Layout.lastUsable(true, diskSize, ss);
        UUID disk = randomGuid(random);
        byte[] primary = header(ss, 1, lastLba, firstUsable, lastUsable, disk, 2, arrayCrc);
        byte[] backup = header(ss, lastLba, 1, firstUsable, lastUsable, disk, lastLba - arraySectors, arrayCrc);
        return List.of(new Region(0, protectiveMbr(diskSize, ss)), new Region(ss, primary),
                new Region(2L * ss, array), new Region((lastLba - arraySectors) * ss, array),
                new Region(lastLba * ss, backup));
    }

    private static byte[] header(int ss, long my, long alternate, long firstUsable, long lastUsable, UUID disk,
            long entriesLba, long arrayCrc) {
        byte[] h = new byte[ss];
        ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, SIGNATURE);
        b.putInt(8, 0x0001_0000);                      // revision 1.0
        b.putInt(12, HEADER_SIZE);
        b.putLong(24, my).putLong(32, alternate).putLong(40, firstUsable).putLong(48, lastUsable);
        putGuid(h, 56, disk);
        b.putLong(72, entriesLba).putInt(80, Layout.GPT_ENTRIES).putInt(84, Layout.GPT_ENTRY_SIZE);
        b.putInt(88, (int) arrayCrc);
        b.putInt(16, (int) crc(h, 0, HEADER_SIZE));
        return h;
    }

    /** One 0xEE entry covering the disk (or 2^32-1 sectors), so MBR-only tools keep off. */
    private static byte[] protectiveMbr(long diskSize, int ss) {
        long sectors = Math.min(diskSize / ss - 1, 0xFFFF_FFFFL);
        return MbrWriter.sector(ss, 0, new MbrWriter.Entry[] {new MbrWriter.Entry(false, 0xEE, 1, sectors)});
    }

    /** A GUID in its on-disk form: the first three fields little-endian, the rest as written. */
    static void putGuid(byte[] b, int off, UUID g) {
        long hi = g.getMostSignificantBits();
        long lo = g.getLeastSignificantBits();
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        le.putInt(off, (int) (hi >>> 32)).putShort(off + 4, (short) (hi >>> 16)).putShort(off + 6, (short) hi);
        ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN).putLong(off + 8, lo);
    }

    /** A version-4 (random) GUID from {@code random}, so a seeded build is reproducible. */
    static UUID randomGuid(Random random) {
        long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(hi, lo);
    }

    private static long crc(byte[] b, int off, int len) {
        CRC32 c = new CRC32();
        c.update(b, off, len);
        return c.getValue();
    }
}
