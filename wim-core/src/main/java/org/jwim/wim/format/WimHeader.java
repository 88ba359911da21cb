package org.jwim.wim.format;

import java.util.HexFormat;
import org.jwim.common.LE;
import org.jwim.wim.WimFormatException;

/**
 * The 208-byte WIM header at offset 0.
 *
 * @param version     0x10D00 (normal) or 0xE00 (solid / LZMS)
 * @param flags       {@code FLAG_*} and compression-type bits
 * @param chunkSize   uncompressed chunk size of non-solid compressed resources (0 if none)
 * @param guid        16 random bytes
 * @param imageCount  number of images
 * @param bootIndex   1-based bootable image, 0 for none
 */
public record WimHeader(int version, int flags, long chunkSize, byte[] guid, int partNumber,
        int totalParts, long imageCount, ResourceHeader blobTable, ResourceHeader xml,
        ResourceHeader bootMetadata, long bootIndex, ResourceHeader integrity) {

    public static final int SIZE = 0xD0;
    public static final byte[] MAGIC = {'M', 'S', 'W', 'I', 'M', 0, 0, 0};
    public static final byte[] PIPABLE_MAGIC = {'W', 'L', 'P', 'W', 'M', 0, 0, 0};
    public static final int VERSION_DEFAULT = 0x10D00;
    public static final int VERSION_SOLID = 0xE00;

    public static final int FLAG_READONLY = 0x04;
    public static final int FLAG_SPANNED = 0x08;
    public static final int FLAG_WRITE_IN_PROGRESS = 0x40;
    public static final int FLAG_RP_FIX = 0x80;

    /** wimlib refuses more images than this. */
    public static final long MAX_IMAGES = 65535;

    private static final int OFF_MAGIC = 0x00;
    private static final int OFF_HEADER_SIZE = 0x08;
    private static final int OFF_VERSION = 0x0C;
    private static final int OFF_FLAGS = 0x10;
    private static final int OFF_CHUNK_SIZE = 0x14;
    private static final int OFF_GUID = 0x18;
    private static final int OFF_PART_NUMBER = 0x28;
    private static final int OFF_TOTAL_PARTS = 0x2A;
    private static final int OFF_IMAGE_COUNT = 0x2C;
    private static final int OFF_BLOB_TABLE = 0x30;
    private static final int OFF_XML = 0x48;
    private static final int OFF_BOOT_METADATA = 0x60;
    private static final int OFF_BOOT_INDEX = 0x78;
    private static final int OFF_INTEGRITY = 0x7C;

    public WimHeader {
        guid = guid.clone();
    }

    @Override
    public byte[] guid() {
        return guid.clone();
    }

    /** Parses and validates the header in {@code b[0..208)}. */
    public static WimHeader read(byte[] b) throws WimFormatException {
        if (b.length < SIZE) {
            throw new WimFormatException(0, "file is " + b.length + " bytes, shorter than the "
                    + SIZE + "-byte WIM header");
        }
        if (java.util.Arrays.equals(b, 0, 8, PIPABLE_MAGIC, 0, 8)) {
            throw new WimFormatException(0, "pipable WIM (magic WLPWM) is not supported");
        }
        if (!java.util.Arrays.equals(b, OFF_MAGIC, OFF_MAGIC + 8, MAGIC, 0, 8)) {
            throw new WimFormatException(0, "bad magic " + HexFormat.of().formatHex(b, 0, 8)
                    + ", expected MSWIM\\0\\0\\0");
        }
        long headerSize = LE.u32(b, OFF_HEADER_SIZE);
        if (headerSize != SIZE) {
            throw new WimFormatException(OFF_HEADER_SIZE, "header size " + headerSize
                    + ", expected " + SIZE);
        }
        int version = LE.i32(b, OFF_VERSION);
        if (version != VERSION_DEFAULT && version != VERSION_SOLID) {
            throw new WimFormatException(OFF_VERSION, String.format(
                    "unsupported WIM version 0x%X (expected 0x10D00 or 0xE00)", version));
        }
        int part = LE.u16(b, OFF_PART_NUMBER);
        int total = LE.u16(b, OFF_TOTAL_PARTS);
        if (part == 0 || total == 0 || part > total) {
            throw new WimFormatException(OFF_PART_NUMBER, "bad part number " + part + " of " + total);
        }
        long images = LE.u32(b, OFF_IMAGE_COUNT);
        if (images > MAX_IMAGES) {
            throw new WimFormatException(OFF_IMAGE_COUNT, "image count " + images
                    + " exceeds " + MAX_IMAGES);
        }
        return new WimHeader(version, LE.i32(b, OFF_FLAGS), LE.u32(b, OFF_CHUNK_SIZE),
                java.util.Arrays.copyOfRange(b, OFF_GUID, OFF_GUID + 16), part, total, images,
                ResourceHeader.read(b, OFF_BLOB_TABLE, OFF_BLOB_TABLE),
                ResourceHeader.read(b, OFF_XML, OFF_XML),
                ResourceHeader.read(b, OFF_BOOT_METADATA, OFF_BOOT_METADATA),
                LE.u32(b, OFF_BOOT_INDEX),
                ResourceHeader.read(b, OFF_INTEGRITY, OFF_INTEGRITY));
    }

    public byte[] toBytes() {
        byte[] b = new byte[SIZE];
        System.arraycopy(MAGIC, 0, b, OFF_MAGIC, 8);
        LE.put32(b, OFF_HEADER_SIZE, SIZE);
        LE.put32(b, OFF_VERSION, version);
        LE.put32(b, OFF_FLAGS, flags);
        LE.put32(b, OFF_CHUNK_SIZE, chunkSize);
        System.arraycopy(guid, 0, b, OFF_GUID, 16);
        LE.put16(b, OFF_PART_NUMBER, partNumber);
        LE.put16(b, OFF_TOTAL_PARTS, totalParts);
        LE.put32(b, OFF_IMAGE_COUNT, imageCount);
        blobTable.write(b, OFF_BLOB_TABLE);
        xml.write(b, OFF_XML);
        bootMetadata.write(b, OFF_BOOT_METADATA);
        LE.put32(b, OFF_BOOT_INDEX, bootIndex);
        integrity.write(b, OFF_INTEGRITY);
        return b;
    }

    public String guidHex() {
        return HexFormat.of().formatHex(guid);
    }
}
