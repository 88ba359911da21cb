package org.jwim.capture.disk;

/**
 * One partition of a table.
 *
 * @param number  the number the OS gives it (MBR: 1-4 primary, 5+ logical; GPT: entry + 1)
 * @param offset  byte offset of its first sector on the disk
 * @param length  size in bytes
 * @param type    the MBR type byte or GPT type GUID, with a name where known
 */
public record Partition(int number, long offset, long length, String type) {
    public long end() {
        return offset + length;
    }
}
