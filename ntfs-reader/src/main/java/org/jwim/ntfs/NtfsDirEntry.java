package org.jwim.ntfs;

/**
 * One name of a file inside a directory (a dentry). Several entries may share one
 * {@link NtfsFile} (hard links; compare {@link NtfsFile#recordNumber()}).
 *
 * @param name      the long (Win32 or POSIX) name
 * @param shortName the paired DOS 8.3 name in the same directory, or "" when there is none (also
 *                  when the long name is itself a Win32+DOS name)
 * @param file      the file the name refers to
 */
public record NtfsDirEntry(String name, String shortName, NtfsFile file) {
}
