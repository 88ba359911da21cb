package org.jwim.wim.format;

import org.jwim.common.LE;
import org.jwim.wim.WimFormatException;
import org.jwim.wim.blob.Sha1;

/**
 * One entry of the blob table (50 bytes): a resource, the split part holding it, how many
 * streams reference it and the SHA-1 of its uncompressed data.
 */
public record BlobTableEntry(ResourceHeader resource, int partNumber, long refCount, Sha1 hash) {
    public static final int SIZE = 50;

    private static final int OFF_RESHDR = 0x00;
    private static final int OFF_PART = 0x18;
    private static final int OFF_REFCOUNT = 0x1A;
    private static final int OFF_HASH = 0x1E;

    public static BlobTableEntry read(byte[] b, int off, long fileOffset) throws WimFormatException {
        ResourceHeader res = ResourceHeader.read(b, off + OFF_RESHDR, fileOffset);
        return new BlobTableEntry(res, LE.u16(b, off + OFF_PART), LE.u32(b, off + OFF_REFCOUNT),
                Sha1.of(b, off + OFF_HASH));
    }

    public void write(byte[] b, int off) {
        resource.write(b, off + OFF_RESHDR);
        LE.put16(b, off + OFF_PART, partNumber);
        LE.put32(b, off + OFF_REFCOUNT, refCount);
        hash.copyTo(b, off + OFF_HASH);
    }

    public BlobTableEntry withRefCount(long count) {
        return new BlobTableEntry(resource, partNumber, count, hash);
    }

    /** True for the entry that describes a whole solid resource (not a blob inside it). */
    public boolean isSolidResource() {
        return resource.isSolid() && resource.uncompressedSize() == ResourceHeader.SOLID_RESOURCE_MAGIC;
    }
}
