/**
 * Reads FAT32 (and FAT12/16) volumes from a {@link java.nio.channels.FileChannel} without the
 * operating system. Entry point: {@code FatVolume.open(channel, offset, length)}.
 */
package org.jwim.fat;
