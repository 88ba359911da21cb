/**
 * On-disk NTFS structures, parsed from byte arrays without I/O: boot sector, update-sequence
 * fixups, FILE records and their attribute headers, run lists. Every parser validates offsets and
 * lengths against its buffer and throws {@link org.jwim.ntfs.NtfsFormatException}. Internal.
 */
package org.jwim.ntfs.format;
