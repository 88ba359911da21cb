/**
 * Pure-Java NTFS writer: formats a volume (keeping a given geometry) and writes a tree of
 * files into it in one pass, for apply to raw volumes. Entry point: {@link
 * org.jwim.ntfs.write.NtfsWriter#create}. Knows nothing of WIM.
 */
package org.jwim.ntfs.write;
