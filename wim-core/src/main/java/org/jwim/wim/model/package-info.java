/**
 * The image model shared by capture and apply. Vocabulary used in names across jwim:
 * <ul>
 * <li><b>resource</b>: a region of the WIM file, maybe compressed in chunks;</li>
 * <li><b>blob</b>: a byte sequence identified by its SHA-1, stored once (single-instance);</li>
 * <li><b>stream</b>: a file's unnamed or named data, or its reparse data; it references a blob;</li>
 * <li><b>solid resource</b>: several blobs compressed together;</li>
 * <li><b>image</b>: one metadata resource (security data and directory tree) plus its XML entry;</li>
 * <li><b>inode</b> / <b>dentry</b>: a file and one of its names (hard links are several dentries
 * of one inode);</li>
 * <li><b>volume</b>: a file system; <b>disk</b>: a partition table plus its volumes;</li>
 * <li><b>blob source</b>: where a blob's bytes live right now, with a physical sort key.</li>
 * </ul>
 * Times are Windows FILETIME values: 100-ns intervals since 1601-01-01 UTC. Model objects are
 * not thread-safe; a tree is built by one thread and then handed over.
 */
package org.jwim.wim.model;
