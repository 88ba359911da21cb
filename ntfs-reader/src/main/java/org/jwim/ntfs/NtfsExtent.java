package org.jwim.ntfs;

/**
 * A piece of a stream's bytes on the volume.
 *
 * @param physicalOffset absolute byte offset in the channel given to {@link NtfsVolume#open}
 *                       (volume offset already added), or {@code -1} for a hole that reads as zeros
 *                       (sparse run, or past the initialized size)
 * @param length         bytes in this extent, &gt; 0
 */
public record NtfsExtent(long physicalOffset, long length) {
    public boolean isHole() {
        return physicalOffset < 0;
    }
}
