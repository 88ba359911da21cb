package org.jwim.wim.format;

import org.jwim.common.LE;
import org.jwim.wim.WimFormatException;

/**
 * A resource header ("reshdr", 24 bytes): where a resource lies in the WIM file and how big it
 * is stored and uncompressed.
 *
 * @param sizeInWim        bytes the resource occupies in the file (56-bit field)
 * @param flags            {@code FLAG_*} bits
 * @param offset           absolute file offset of the resource's first byte
 * @param uncompressedSize bytes of the resource's uncompressed data
 */
public record ResourceHeader(long sizeInWim, int flags, long offset, long uncompressedSize) {
    public static final int SIZE = 24;

    public static final int FLAG_FREE = 0x01;
    public static final int FLAG_METADATA = 0x02;
    public static final int FLAG_COMPRESSED = 0x04;
    public static final int FLAG_SPANNED = 0x08;
    public static final int FLAG_SOLID = 0x10;

    /** The uncompressed size that marks a solid resource entry in the blob table. */
    public static final long SOLID_RESOURCE_MAGIC = 0x1_0000_0000L;

    private static final int OFF_SIZE_AND_FLAGS = 0x00;
    private static final int OFF_OFFSET = 0x08;
    private static final int OFF_UNCOMPRESSED = 0x10;

    public static final ResourceHeader EMPTY = new ResourceHeader(0, 0, 0, 0);

    /**
     * Reads a header at {@code b[off]}; {@code fileOffset} is where those bytes are in the WIM
     * (for messages).
     */
    public static ResourceHeader read(byte[] b, int off, long fileOffset) throws WimFormatException {
        long word = LE.u64(b, off + OFF_SIZE_AND_FLAGS);
        long size = word & 0x00FF_FFFF_FFFF_FFFFL;
        int flags = (int) (word >>> 56);
        long offset = LE.u64(b, off + OFF_OFFSET);
        long usize = LE.u64(b, off + OFF_UNCOMPRESSED);
        if (offset < 0 || usize < 0) {
            throw new WimFormatException(fileOffset, "resource header has an offset or size"
                    + " beyond 2^63 (offset " + Long.toUnsignedString(offset) + ", size "
                    + Long.toUnsignedString(usize) + ")");
        }
        return new ResourceHeader(size, flags, offset, usize);
    }

    public void write(byte[] b, int off) {
        LE.put64(b, off + OFF_SIZE_AND_FLAGS, (sizeInWim & 0x00FF_FFFF_FFFF_FFFFL) | ((long) flags << 56));
        LE.put64(b, off + OFF_OFFSET, offset);
        LE.put64(b, off + OFF_UNCOMPRESSED, uncompressedSize);
    }

    public boolean isCompressed() {
        return (flags & FLAG_COMPRESSED) != 0;
    }

    public boolean isSolid() {
        return (flags & FLAG_SOLID) != 0;
    }

    public boolean isMetadata() {
        return (flags & FLAG_METADATA) != 0;
    }

    public boolean isEmpty() {
        return sizeInWim == 0 && offset == 0 && uncompressedSize == 0;
    }

    /** File offset just past the resource; fails if it would overflow. */
    public long end() throws WimFormatException {
        try {
            return Math.addExact(offset, sizeInWim);
        } catch (ArithmeticException e) {
            throw new WimFormatException(offset, "resource end overflows 2^63");
        }
    }

    public ResourceHeader withFlags(int newFlags) {
        return new ResourceHeader(sizeInWim, newFlags, offset, uncompressedSize);
    }
}
