/**
 * Reads FAT12, FAT16 and FAT32 volumes from a {@link java.nio.channels.FileChannel} without the
 * operating system; JDK only, knows nothing of WIM.
 *
 * <pre>{@code
 * FatVolume vol = FatVolume.open(channel, offset, length, warning -> log(warning));
 * Deque<FatEntry> stack = new ArrayDeque<>(List.of(vol.root()));
 * while (!stack.isEmpty()) {                       // explicit stack: no recursion
 *     for (FatEntry e : vol.list(stack.pop())) {   // on-disk order, no . / .. / labels
 *         if (e.isDirectory()) stack.push(e);
 *         else try (InputStream in = e.open()) { ... }   // or e.extents() for raw reads
 *     }
 * }
 * }</pre>
 *
 * <p>Damage is reported as {@link org.jwim.common.Warning}s and worked around (entries
 * skipped, chains cut, cyclic directories not descended); only a volume that cannot be read at
 * all throws {@link org.jwim.fat.FatFormatException}. Times are FAT local times without a zone
 * ({@link java.time.LocalDateTime}); {@link org.jwim.fat.FatTimes#toFileTime} converts them
 * with a caller-chosen zone.
 */
package org.jwim.fat;
