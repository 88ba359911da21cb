package org.jwim.wim;

/**
 * The WIM header fields as shown by {@code jwim info --header}. Offsets and sizes in bytes.
 */
public record WimHeaderInfo(int version, int flags, long chunkSize, String guid, int partNumber,
        int totalParts, long imageCount, long bootIndex, long blobTableOffset, long blobTableSize,
        long xmlOffset, long xmlSize, long bootMetadataOffset, long bootMetadataSize,
        long integrityOffset, long integritySize) {
}
