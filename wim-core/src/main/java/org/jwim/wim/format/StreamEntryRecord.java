package org.jwim.wim.format;

import org.jwim.common.LE;
import org.jwim.common.Utf16;
import org.jwim.wim.WimFormatException;
import org.jwim.wim.blob.Sha1;

/**
 * An extra stream entry after a dentry: the hash of an unnamed or named stream.
 *
 * @param hash SHA-1 of the stream data, {@link Sha1#ZERO} when empty
 * @param name stream name, empty for an unnamed stream
 */
public record StreamEntryRecord(Sha1 hash, String name) {
    static final int FIXED = 0x26;
    private static final int OFF_LENGTH = 0x00;
    private static final int OFF_HASH = 0x10;
    private static final int OFF_NAME_LENGTH = 0x24;

    /** The parsed entry and the aligned number of bytes it occupies. */
    public record Parsed(StreamEntryRecord entry, int length) {
    }

    /** Reads an entry at {@code b[off]} that must end by {@code limit}. */
    public static Parsed read(byte[] b, int off, int limit) throws WimFormatException {
        if (limit - off < FIXED) {
            throw new WimFormatException(off, "stream entry truncated: " + (limit - off)
                    + " bytes left, need " + FIXED);
        }
        long length = Dentries.align8(LE.u64(b, off + OFF_LENGTH));
        int nameBytes = LE.u16(b, off + OFF_NAME_LENGTH);
        if ((nameBytes & 1) != 0) {
            throw new WimFormatException(off, "stream name length " + nameBytes + " is odd");
        }
        long needed = FIXED + (nameBytes > 0 ? nameBytes + 2 : 0);
        if (length < needed || length > limit - off) {
            throw new WimFormatException(off, "stream entry length " + length
                    + " is outside [" + needed + ", " + (limit - off) + "]");
        }
        String name = Utf16.decode(b, off + FIXED, nameBytes / 2);
        return new Parsed(new StreamEntryRecord(Sha1.of(b, off + OFF_HASH), name), (int) length);
    }

    /** Bytes this entry takes when written (8-aligned). */
    public int encodedLength() {
        int nameBytes = name.length() * 2;
        return (int) Dentries.align8(FIXED + (nameBytes > 0 ? nameBytes + 2 : 0));
    }

    public void write(byte[] b, int off) {
        int len = encodedLength();
        LE.put64(b, off + OFF_LENGTH, len);
        hash.copyTo(b, off + OFF_HASH);
        LE.put16(b, off + OFF_NAME_LENGTH, Dentries.putName(b, off + FIXED, name));
    }
}
