package org.jwim.wim;

import org.jwim.wim.blob.Sha1;

/**
 * One blob-table entry as listed by {@code jwim info --blobs}.
 *
 * @param size       uncompressed size in bytes
 * @param offset     file offset of its resource (for a blob in a solid resource: offset inside
 *                   the solid run)
 * @param storedSize bytes the resource takes in the file
 * @param flags      resource flags (0x02 metadata, 0x04 compressed, 0x10 solid)
 * @param partNumber the part of a split WIM holding it (1 when not split)
 */
public record BlobInfo(Sha1 hash, long size, long offset, long storedSize, int flags,
        long refCount, boolean metadata, int partNumber) {
}
