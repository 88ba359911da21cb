/**
 * Reading attribute data from the volume: positional reads over run lists (sparse runs and the
 * region past the initialized size read as zeros) and LZNT1 decompression of compressed
 * attributes. Internal.
 */
package org.jwim.ntfs.data;
