package org.jwim.wim.model;

import java.io.ByteArrayOutputStream;
import org.jwim.common.LE;

/**
 * UNIX owner, group, mode and device number of an inode, as wimlib's {@code --unix-data} stores
 * them: a tagged item {@link #TAG} in the dentry's extra data holding four little-endian u32s
 * (uid, gid, {@code st_mode} with its file-type bits, {@code st_rdev}). Windows software
 * ignores the item. Unsigned values are held in longs.
 *
 * @param uid  owner id
 * @param gid  group id
 * @param mode {@code st_mode}: type ({@link #S_IFMT} bits) and permission bits
 * @param rdev device number of a character or block device (Linux encoding), else 0
 */
public record UnixData(long uid, long gid, long mode, long rdev) {
    /** wimlib's tag for the item ("UNIX data", a wimlib extension). */
    public static final int TAG = 0x337DD873;
    /** Bytes of the item's data. */
    public static final int SIZE = 16;
    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 060000;
    public static final int S_IFDIR = 040000;
    public static final int S_IFCHR = 020000;
    public static final int S_IFIFO = 010000;

    public UnixData {
        for (long v : new long[] {uid, gid, mode, rdev}) {
            if (v < 0 || v > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("UNIX data field " + v + " does not fit in 32 bits");
            }
        }
    }

    /** The file type bits of {@link #mode}. */
    public int type() {
        return (int) (mode & S_IFMT);
    }

    /** True for a FIFO, socket or device node: an inode without data that only this item describes. */
    public boolean isSpecial() {
        int t = type();
        return t == S_IFIFO || t == S_IFSOCK || t == S_IFCHR || t == S_IFBLK;
    }

    /** The item's 16 data bytes. */
    public byte[] toBytes() {
        byte[] b = new byte[SIZE];
        LE.put32(b, 0, (int) uid);
        LE.put32(b, 4, (int) gid);
        LE.put32(b, 8, (int) mode);
        LE.put32(b, 12, (int) rdev);
        return b;
    }

    /** The UNIX data of an inode, or null when it has none (or a shorter item than wimlib writes). */
    public static UnixData of(Inode inode) {
        byte[] d = TaggedItems.find(inode.taggedItems(), TAG);
        if (d == null || d.length < SIZE) {
            return null;
        }
        return new UnixData(LE.u32(d, 0), LE.u32(d, 4), LE.u32(d, 8), LE.u32(d, 12));
    }

    /** Stores this as the inode's UNIX data, replacing any it had and keeping its other items. */
    public void setOn(Inode inode) {
        byte[] items = inode.taggedItems();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int p = 0;
        while (p + 8 <= items.length) {
            long len = LE.u32(items, p + 4);
            long next = p + 8 + ((len + 7) & ~7L);
            if (len > items.length - p - 8) {
                break; // malformed tail: dropped, as a reader would stop there too
            }
            if (LE.i32(items, p) != TAG) {
                out.write(items, p, (int) (Math.min(next, items.length) - p));
            }
            p = (int) Math.min(next, items.length);
        }
        out.writeBytes(TaggedItems.encode(TAG, toBytes()));
        inode.taggedItems(out.toByteArray());
    }
}
