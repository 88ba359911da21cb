package org.jwim.wim.model;

import java.io.ByteArrayOutputStream;
import org.jwim.common.LE;

/**
 * jwim's tagged item recording what identifies a file on its source volume when it was
 * captured, so that a later capture with {@code --update-of} can tell an unchanged file from a
 * changed one without reading it. wimlib skips tagged items whose tag it does not know (its verify,
 * dir and apply read jwim's WIMs with this item: {@code UpdateOfMutationTest}).
 * <pre>
 * 0x00 u8  kind        ({@link #KIND_NTFS}: MFT record; {@link #KIND_POSIX}: inode)
 * 0x01 u8  flags       ({@link #FLAG_USN}: the USN field is set)
 * 0x02 u16 generation  (NTFS: the record's sequence number; POSIX: 0)
 * 0x04 u32 reserved, 0
 * 0x08 u64 file id     (NTFS: MFT record number; POSIX: inode number)
 * 0x10 u64 write time  (FILETIME; NTFS: $STANDARD_INFORMATION modification time)
 * 0x18 u64 change time (FILETIME; NTFS: $STANDARD_INFORMATION MFT change time; POSIX: ctime)
 * 0x20 u64 USN         (NTFS with a change journal: the file's last update sequence number)
 * </pre>
 * Immutable.
 */
public record FileIdentity(int kind, int flags, int generation, long fileId, long writeTime,
        long changeTime, long usn) {
    /** The tag (a random constant, as wimlib's own extensions use). */
    public static final int TAG = 0x6A770F01;
    public static final int KIND_NTFS = 1;
    public static final int KIND_POSIX = 2;
    public static final int FLAG_USN = 0x01;
    private static final int KIND = 0x00;
    private static final int FLAGS = 0x01;
    private static final int GENERATION = 0x02;
    private static final int FILE_ID = 0x08;
    private static final int WRITE_TIME = 0x10;
    private static final int CHANGE_TIME = 0x18;
    private static final int USN = 0x20;
    /** Size of the item's data in bytes. */
    public static final int SIZE = 0x28;

    /** The identity of an NTFS file; {@code usn} 0 means none (no change journal). */
    public static FileIdentity ntfs(long recordNumber, int sequence, long writeTime, long changeTime, long usn) {
        return new FileIdentity(KIND_NTFS, usn != 0 ? FLAG_USN : 0, sequence & 0xFFFF, recordNumber,
                writeTime, changeTime, usn);
    }

    /** The identity of a file on a POSIX file system: inode number, mtime and ctime. */
    public static FileIdentity posix(long inode, long writeTime, long changeTime) {
        return new FileIdentity(KIND_POSIX, 0, 0, inode, writeTime, changeTime, 0);
    }

    /**
     * Written out: a record's generated equals goes through an invokedynamic call site and
     * method handles, slow in the interpreter, where {@code --update-of} compares every file of
     * a volume once (over a quarter of that comparison's time in a cold run).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof FileIdentity f && kind == f.kind && flags == f.flags && generation == f.generation
                && fileId == f.fileId && writeTime == f.writeTime && changeTime == f.changeTime && usn == f.usn;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(fileId) * 31 + Long.hashCode(changeTime);
    }

    /** The item's data. */
    public byte[] toBytes() {
        byte[] b = new byte[SIZE];
        b[KIND] = (byte) kind;
        b[FLAGS] = (byte) flags;
        LE.put16(b, GENERATION, generation);
        LE.put64(b, FILE_ID, fileId);
        LE.put64(b, WRITE_TIME, writeTime);
        LE.put64(b, CHANGE_TIME, changeTime);
        LE.put64(b, USN, usn);
        return b;
    }

    /** Parses an item's data; null when it is shorter than {@link #SIZE} (a newer or damaged item). */
    public static FileIdentity read(byte[] data) {
        if (data == null || data.length < SIZE) {
            return null;
        }
        return new FileIdentity(LE.u8(data, KIND), LE.u8(data, FLAGS), LE.u16(data, GENERATION),
                LE.u64(data, FILE_ID), LE.u64(data, WRITE_TIME), LE.u64(data, CHANGE_TIME), LE.u64(data, USN));
    }

    /** The identity stored in {@code inode}'s tagged items, or null. */
    public static FileIdentity of(Inode inode) {
        return read(TaggedItems.find(inode.taggedItems(), TAG));
    }

    /** Stores this identity in {@code inode}'s tagged items, replacing an earlier one. */
    public void storeIn(Inode inode) {
        inode.taggedItems(replace(inode.taggedItems(), TAG, toBytes()));
    }

    /**
     * {@code items} without any item tagged {@code tag}, then one item {@code tag} holding
     * {@code data}. Items after a malformed length are dropped (a reader could not find them).
     */
    static byte[] replace(byte[] items, int tag, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(items.length + 8 + data.length);
        int p = 0;
        while (p + 8 <= items.length) {
            long len = LE.u32(items, p + 4);
            long padded = (len + 7) & ~7L;
            if (len > items.length - p - 8) {
                break;
            }
            int end = (int) Math.min(items.length, p + 8 + padded);
            if (LE.i32(items, p) != tag) {
                out.write(items, p, end - p);
            }
            p = end;
        }
        out.writeBytes(TaggedItems.encode(tag, data));
        return out.toByteArray();
    }
}
