/**
 * Reads NTFS volumes from a {@link java.nio.channels.FileChannel} without the operating system:
 * boot sector, MFT records, attributes, directory tree and data extents.
 * Entry point: {@code NtfsVolume.open(channel, offset, length)}.
 */
package org.jwim.ntfs;
