package org.jwim.wim.model;

/**
 * The counts of an image, the one way jwim computes them: the writer stores them in the XML
 * data (DIRCOUNT, FILECOUNT, TOTALBYTES, HARDLINKBYTES) and the command line prints them. By
 * wimlib 1.14's rules, per inode: the directory count (directories that are not reparse points,
 * root included) or else the file count grows by its link count; total bytes by its stream
 * bytes times links; hard-link bytes by its stream bytes times (links - 1).
 *
 * @param dirCount      directories, root included
 * @param fileCount     names of everything else (files, symlinks, directory reparse points)
 * @param totalBytes    bytes of all streams, counted once per name
 * @param hardLinkBytes the part of {@code totalBytes} counted again for extra hard links
 */
public record ImageStats(long dirCount, long fileCount, long totalBytes, long hardLinkBytes) {
    /** The counts of the tree below {@code root} (root included). */
    public static ImageStats of(Dentry root) {
        long dirs = 0;
        long files = 0;
        long total = 0;
        long hard = 0;
        for (Inode in : root.inodes()) {
            long links = in.linkCount();
            if (in.hasChildren()) { // a directory reparse point counts as a file, as in wimlib
                dirs += links;
            } else {
                files += links;
            }
            long bytes = in.streamBytes();
            total += bytes * links;
            hard += bytes * (links - 1);
        }
        return new ImageStats(dirs, files, total, hard);
    }
}
