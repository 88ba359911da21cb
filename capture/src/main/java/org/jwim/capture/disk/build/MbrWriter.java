package org.jwim.capture.disk.build;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The sectors of an MBR partition table: up to four primary partitions; with more than four,
 * the first three stay primary and the rest become logical partitions in an extended
 * partition (type 0x0F), each described by an EBR in the sector before its 1 MiB gap. EBR
 * links are relative to the extended partition's start, logical starts to their EBR, as DOS
 * defined them. No boot code is written (the code area stays zero).
 */
final class MbrWriter {
    private static final int EXTENDED_LBA = 0x0F;

    /** One table entry. */
    record Entry(boolean active, int type, long firstLba, long sectors) {
    }

    private MbrWriter() {
    }

    static List<GptWriter.Region> regions(long diskSize, int ss, List<Placed> parts, Random random) {
        long align = Layout.ALIGN / ss;
        List<GptWriter.Region> out = new ArrayList<>();
        List<Entry> primary = new ArrayList<>();
        List<Placed> logical = new ArrayList<>();
        for (Placed p : parts) {
            if (p.number() <= 4) {
                primary.add(entry(p, p.firstLba()));
            } else {
                logical.add(p);
            }
        }
        if (!logical.isEmpty()) {
            long extStart = logical.get(0).firstLba() - align;
            Placed lastPart = logical.get(logical.size() - 1);
            primary.add(new Entry(false, EXTENDED_LBA, extStart, lastPart.lastLba() + 1 - extStart));
            for (int i = 0; i < logical.size(); i++) {
                Placed p = logical.get(i);
                long ebr = p.firstLba() - align;
                Entry[] e = new Entry[2];
                e[0] = entry(p, align);              // relative to this EBR
                if (i + 1 < logical.size()) {
                    Placed n = logical.get(i + 1);
                    long nextEbr = n.firstLba() - align;
                    e[1] = new Entry(false, EXTENDED_LBA, nextEbr - extStart, n.lastLba() + 1 - nextEbr);
                }
                out.add(new GptWriter.Region(ebr * ss, sector(ss, 0, e)));
            }
        }
        int signature = random.nextInt() | 1;           // Windows wants a non-zero disk signature
        out.add(0, new GptWriter.Region(0, sector(ss, signature, primary.toArray(Entry[]::new))));
        return out;
    }

    private static Entry entry(Placed p, long firstLba) {
        PartitionSpec s = p.spec();
        return new Entry(s.active(), s.type().mbrType(s.fileSystem()), firstLba, p.sectors());
    }

    /** An MBR or EBR sector holding {@code entries} (nulls leave a slot empty). */
    static byte[] sector(int ss, int diskSignature, Entry[] entries) {
        byte[] s = new byte[ss];
        ByteBuffer b = ByteBuffer.wrap(s).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x1B8, diskSignature);
        for (int i = 0; i < entries.length; i++) {
            Entry e = entries[i];
            if (e == null) {
                continue;
            }
            int o = 0x1BE + 16 * i;
            s[o] = (byte) (e.active() ? 0x80 : 0);
            chs(s, o + 1, e.firstLba());
            s[o + 4] = (byte) e.type();
            chs(s, o + 5, e.firstLba() + e.sectors() - 1);
            b.putInt(o + 8, (int) e.firstLba()).putInt(o + 12, (int) e.sectors());
        }
        b.putShort(510, (short) 0xAA55);
        return s;
    }

    /** CHS of an LBA for 255 heads and 63 sectors a track; beyond cylinder 1023 the 1023/254/63 marker. */
    private static void chs(byte[] s, int off, long lba) {
        long c = lba / (255 * 63);
        int h = (int) (lba / 63 % 255);
        int sec = (int) (lba % 63) + 1;
        if (c > 1023) {
            c = 1023;
            h = 254;
            sec = 63;
        }
        s[off] = (byte) h;
        s[off + 1] = (byte) (sec | ((c >> 2) & 0xC0));
        s[off + 2] = (byte) c;
    }
}
