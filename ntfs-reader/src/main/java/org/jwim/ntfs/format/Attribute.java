package org.jwim.ntfs.format;

/**
 * One parsed attribute of an MFT record: the header fields the reader uses plus either the
 * resident value or the decoded run list. Immutable.
 *
 * @param type            attribute type code ({@code TYPE_*})
 * @param name            attribute name, "" when unnamed
 * @param flags           {@code FLAG_COMPRESSED | FLAG_ENCRYPTED | FLAG_SPARSE} bits
 * @param id              attribute instance id (unique inside its record)
 * @param value           resident value, or null when non-resident
 * @param runs            non-resident run list piece (from {@code lowestVcn}), or null
 * @param lowestVcn       first VCN of this non-resident piece
 * @param allocatedSize   bytes allocated (non-resident, first piece)
 * @param dataSize        logical size in bytes (non-resident, first piece)
 * @param initializedSize bytes written; the rest reads as zeros (non-resident, first piece)
 * @param compressionUnit log2 of clusters per compression unit, 0 when not compressed
 */
public record Attribute(int type, String name, int flags, int id, byte[] value, RunList runs,
        long lowestVcn, long allocatedSize, long dataSize, long initializedSize, int compressionUnit) {

    public static final int TYPE_STANDARD_INFORMATION = 0x10;
    public static final int TYPE_ATTRIBUTE_LIST = 0x20;
    public static final int TYPE_FILE_NAME = 0x30;
    public static final int TYPE_OBJECT_ID = 0x40;
    public static final int TYPE_SECURITY_DESCRIPTOR = 0x50;
    public static final int TYPE_VOLUME_NAME = 0x60;
    public static final int TYPE_VOLUME_INFORMATION = 0x70;
    public static final int TYPE_DATA = 0x80;
    public static final int TYPE_INDEX_ROOT = 0x90;
    public static final int TYPE_INDEX_ALLOCATION = 0xA0;
    public static final int TYPE_BITMAP = 0xB0;
    public static final int TYPE_REPARSE_POINT = 0xC0;
    public static final int TYPE_EA_INFORMATION = 0xD0;
    public static final int TYPE_EA = 0xE0;
    public static final int TYPE_END = 0xFFFFFFFF;

    public static final int FLAG_COMPRESSED = 0x0001;
    public static final int FLAG_ENCRYPTED = 0x4000;
    public static final int FLAG_SPARSE = 0x8000;

    public boolean isResident() {
        return value != null;
    }

    /** Logical size: the resident value length or the non-resident data size. */
    public long size() {
        return value != null ? value.length : dataSize;
    }

    /** Whether the reader keeps attributes of this type (others are skipped while parsing). */
    public static boolean isKept(int type) {
        switch (type) {
            case TYPE_STANDARD_INFORMATION, TYPE_ATTRIBUTE_LIST, TYPE_FILE_NAME, TYPE_OBJECT_ID,
                    TYPE_SECURITY_DESCRIPTOR, TYPE_VOLUME_NAME, TYPE_VOLUME_INFORMATION, TYPE_DATA,
                    TYPE_REPARSE_POINT, TYPE_EA, TYPE_EA_INFORMATION, TYPE_INDEX_ROOT,
                    TYPE_INDEX_ALLOCATION, TYPE_BITMAP:
                return true;
            default:
                return false;
        }
    }
}
