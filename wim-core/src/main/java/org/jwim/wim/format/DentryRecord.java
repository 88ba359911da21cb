package org.jwim.wim.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jwim.common.LE;
import org.jwim.common.Utf16;
import org.jwim.wim.WimFormatException;
import org.jwim.wim.blob.Sha1;

/**
 * A directory entry of a metadata resource with its extra stream entries.
 *
 * @param linkOrReparse the 8 bytes at 0x58: hard-link group id, or for reparse points the
 *                      reparse tag (low 32 bits), reserved (next 16) and flags (top 16)
 * @param unknown54     the u32 at 0x54, preserved
 * @param taggedItems   the extra data after the names (8-aligned items), kept opaque
 */
public record DentryRecord(int attributes, int securityId, long subdirOffset,
        long creationTime, long lastAccessTime, long lastWriteTime, Sha1 mainHash, int unknown54,
        long linkOrReparse, String name, String shortName, byte[] taggedItems,
        List<StreamEntryRecord> streams) {

    public static final int FIXED = 0x66;
    /** Any length at or below this marks the end of a directory's child list. */
    public static final int END_MARKER = 8;

    private static final int OFF_LENGTH = 0x00;
    private static final int OFF_ATTRIBUTES = 0x08;
    private static final int OFF_SECURITY_ID = 0x0C;
    private static final int OFF_SUBDIR = 0x10;
    private static final int OFF_CREATION = 0x28;
    private static final int OFF_ACCESS = 0x30;
    private static final int OFF_WRITE = 0x38;
    private static final int OFF_HASH = 0x40;
    private static final int OFF_UNKNOWN = 0x54;
    private static final int OFF_LINK = 0x58;
    private static final int OFF_NUM_STREAMS = 0x60;
    private static final int OFF_SHORT_LENGTH = 0x62;
    private static final int OFF_NAME_LENGTH = 0x64;

    public DentryRecord {
        taggedItems = taggedItems.clone();
        streams = List.copyOf(streams);
    }

    @Override
    public byte[] taggedItems() {
        return taggedItems.clone();
    }

    /** This dentry with its child list at {@code offset}. */
    public DentryRecord withSubdirOffset(long offset) {
        return new DentryRecord(attributes, securityId, offset, creationTime, lastAccessTime,
                lastWriteTime, mainHash, unknown54, linkOrReparse, name, shortName, taggedItems,
                streams);
    }

    /** A parsed dentry and the number of bytes it takes including its stream entries. */
    public record Parsed(DentryRecord dentry, int totalLength) {
    }

    /** True if the u64 at {@code b[off]} marks the end of a child list. */
    public static boolean isEndMarker(byte[] b, int off, int limit) throws WimFormatException {
        if (limit - off < 8) {
            throw new WimFormatException(off, "metadata ends inside a directory list");
        }
        long len = LE.u64(b, off);
        return len >= 0 && len <= END_MARKER;
    }

    /** Reads the dentry at {@code b[off]}; all of it must lie before {@code limit}. */
    public static Parsed read(byte[] b, int off, int limit) throws WimFormatException {
        if (limit - off < FIXED) {
            throw new WimFormatException(off, "dentry truncated: " + (limit - off)
                    + " bytes left, need " + FIXED);
        }
        long length = Dentries.align8(LE.u64(b, off + OFF_LENGTH));
        int shortBytes = LE.u16(b, off + OFF_SHORT_LENGTH);
        int nameBytes = LE.u16(b, off + OFF_NAME_LENGTH);
        if (((shortBytes | nameBytes) & 1) != 0) {
            throw new WimFormatException(off, "dentry name lengths " + nameBytes + "/" + shortBytes
                    + " are not even");
        }
        int namesEnd = FIXED + (nameBytes > 0 ? nameBytes + 2 : 0) + (shortBytes > 0 ? shortBytes + 2 : 0);
        if (length < namesEnd || length > limit - off) {
            throw new WimFormatException(off, "dentry length " + length + " is outside ["
                    + namesEnd + ", " + (limit - off) + "]");
        }
        int p = off + FIXED;
        String name = Utf16.decode(b, p, nameBytes / 2);
        p += nameBytes > 0 ? nameBytes + 2 : 0;
        String shortName = Utf16.decode(b, p, shortBytes / 2);
        int extraStart = off + (int) Dentries.align8(namesEnd);
        int end = off + (int) length;
        byte[] tagged = extraStart < end ? Arrays.copyOfRange(b, extraStart, end) : new byte[0];

        int numStreams = LE.u16(b, off + OFF_NUM_STREAMS);
        List<StreamEntryRecord> streams = new ArrayList<>(Math.min(numStreams, 16));
        int q = end;
        for (int i = 0; i < numStreams; i++) {
            StreamEntryRecord.Parsed s = StreamEntryRecord.read(b, q, limit);
            streams.add(s.entry());
            q += s.length();
        }
        DentryRecord d = new DentryRecord(LE.i32(b, off + OFF_ATTRIBUTES),
                LE.i32(b, off + OFF_SECURITY_ID), LE.u64(b, off + OFF_SUBDIR),
                LE.u64(b, off + OFF_CREATION), LE.u64(b, off + OFF_ACCESS),
                LE.u64(b, off + OFF_WRITE), Sha1.of(b, off + OFF_HASH),
                LE.i32(b, off + OFF_UNKNOWN), LE.u64(b, off + OFF_LINK), name, shortName, tagged,
                streams);
        return new Parsed(d, q - off);
    }

    /** Bytes of the dentry itself (names, padding, tagged items), without stream entries. */
    public int ownLength() {
        int nameBytes = name.length() * 2;
        int shortBytes = shortName.length() * 2;
        int namesEnd = FIXED + (nameBytes > 0 ? nameBytes + 2 : 0) + (shortBytes > 0 ? shortBytes + 2 : 0);
        return (int) Dentries.align8(Dentries.align8(namesEnd) + taggedItems.length);
    }

    /** Bytes of the dentry plus its stream entries. */
    public int encodedLength() {
        int total = ownLength();
        for (StreamEntryRecord s : streams) {
            total += s.encodedLength();
        }
        return total;
    }

    /** Writes the dentry and its stream entries at {@code b[off]}; returns bytes written. */
    public int write(byte[] b, int off) {
        int own = ownLength();
        LE.put64(b, off + OFF_LENGTH, own);
        LE.put32(b, off + OFF_ATTRIBUTES, attributes);
        LE.put32(b, off + OFF_SECURITY_ID, securityId);
        LE.put64(b, off + OFF_SUBDIR, subdirOffset);
        LE.put64(b, off + OFF_CREATION, creationTime);
        LE.put64(b, off + OFF_ACCESS, lastAccessTime);
        LE.put64(b, off + OFF_WRITE, lastWriteTime);
        mainHash.copyTo(b, off + OFF_HASH);
        LE.put32(b, off + OFF_UNKNOWN, unknown54);
        LE.put64(b, off + OFF_LINK, linkOrReparse);
        LE.put16(b, off + OFF_NUM_STREAMS, streams.size());
        LE.put16(b, off + OFF_SHORT_LENGTH, shortName.length() * 2);
        LE.put16(b, off + OFF_NAME_LENGTH, name.length() * 2);
        int p = off + FIXED;
        int n = Dentries.putName(b, p, name);
        p += n > 0 ? n + 2 : 0;
        n = Dentries.putName(b, p, shortName);
        p += n > 0 ? n + 2 : 0;
        p = off + (int) Dentries.align8(p - off);
        System.arraycopy(taggedItems, 0, b, p, taggedItems.length);
        int q = off + own;
        for (StreamEntryRecord s : streams) {
            s.write(b, q);
            q += s.encodedLength();
        }
        return q - off;
    }
}
