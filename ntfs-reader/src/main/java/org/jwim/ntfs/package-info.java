/**
 * Reads NTFS volumes from a {@link java.nio.channels.FileChannel} without the operating system.
 *
 * <p>Entry point: {@link org.jwim.ntfs.NtfsVolume#open(java.nio.channels.FileChannel, long, long,
 * java.util.function.Consumer)} reads the boot sector and the whole $MFT (a few large sequential
 * reads), resolves attribute lists, $UpCase, $Volume and $Secure, and builds the directory tree.
 * Then {@link org.jwim.ntfs.NtfsVolume#root()} and {@link org.jwim.ntfs.NtfsVolume#list} walk the
 * tree of {@link org.jwim.ntfs.NtfsFile}s (inodes) and {@link org.jwim.ntfs.NtfsDirEntry}s
 * (names); each file's {@link org.jwim.ntfs.NtfsStream}s give their bytes either as
 * {@link org.jwim.ntfs.NtfsExtent}s (absolute channel offsets, for reading in disk order) or
 * through {@link org.jwim.ntfs.NtfsStream#open()} (resident, sparse and LZNT1-compressed data).
 *
 * <p>The tree comes from the parent references in $FILE_NAME attributes, collected during the
 * single MFT pass, rather than from $I30 indexes: no random reads of index blocks, and the same
 * result for a consistent volume. It matches what wimlib's NTFS-3G capture sees: system files
 * (records below 16 named in the root, hence $Extend and its contents) are left out.
 *
 * <p>Damaged records, attributes and names are reported to the caller's warning listener and
 * skipped; {@link org.jwim.ntfs.NtfsFormatException} is thrown only when the volume cannot be read
 * at all, or when damaged file data is read through a stream.
 */
package org.jwim.ntfs;
