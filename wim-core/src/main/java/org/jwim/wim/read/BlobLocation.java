package org.jwim.wim.read;

import java.io.IOException;
import java.io.InputStream;
import org.jwim.wim.format.BlobTableEntry;

/**
 * Where a blob's bytes are in a WIM: a resource of its own, or a range of a solid resource.
 *
 * @param entry          the blob-table entry
 * @param solid          the solid resource holding the blob, or null
 * @param offsetInSolid  offset of the blob in the solid resource's uncompressed data
 */
public record BlobLocation(BlobTableEntry entry, SolidResource solid, long offsetInSolid) {
    /** Uncompressed size in bytes. */
    public long size() {
        return solid == null ? entry.resource().uncompressedSize() : entry.resource().sizeInWim();
    }

    /** File offset used to read blobs in file order. */
    public long fileOrder() {
        return solid == null ? entry.resource().offset() : solid.resource().offset();
    }

    InputStream open(ResourceReader reader) throws IOException {
        if (solid != null) {
            return solid.open(offsetInSolid, size());
        }
        return reader.open(entry.resource(), () -> "blob " + entry.hash());
    }
}
