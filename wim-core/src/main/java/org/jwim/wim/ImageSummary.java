package org.jwim.wim;

import java.time.Instant;
import org.jwim.common.Filetime;

/**
 * An image as listed in the WIM's XML data.
 *
 * @param index         1-based image index
 * @param totalBytes    sum of stream sizes times link count, in bytes
 * @param hardLinkBytes bytes counted again for extra hard links
 * @param creationTime  FILETIME (100 ns since 1601 UTC), 0 if absent
 * @param lastModificationTime FILETIME (100 ns since 1601 UTC), 0 if absent
 */
public record ImageSummary(int index, ImageInfo info, long dirCount, long fileCount,
        long totalBytes, long hardLinkBytes, long creationTime, long lastModificationTime) {
    /** {@link #creationTime()} as an instant (1601-01-01 when absent), to the full 100 ns. */
    public Instant creationInstant() {
        return Filetime.toInstant(creationTime);
    }

    /** {@link #lastModificationTime()} as an instant (1601-01-01 when absent), to the full 100 ns. */
    public Instant lastModificationInstant() {
        return Filetime.toInstant(lastModificationTime);
    }
}
