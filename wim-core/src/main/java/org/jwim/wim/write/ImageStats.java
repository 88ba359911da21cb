package org.jwim.wim.write;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.Inode;

/**
 * XML counts of an image, by wimlib 1.14's rules: per inode, DIRCOUNT (directories that are
 * not reparse points, root included) or FILECOUNT grows by its link count; TOTALBYTES by its stream bytes times links;
 * HARDLINKBYTES by its stream bytes times (links - 1).
 */
public record ImageStats(long dirCount, long fileCount, long totalBytes, long hardLinkBytes) {
    public static ImageStats of(Dentry root) {
        Set<Inode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        long dirs = 0;
        long files = 0;
        long total = 0;
        long hard = 0;
        ArrayDeque<Dentry> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Dentry d = stack.pop();
            Inode in = d.inode();
            if (seen.add(in)) {
                long links = in.dentries().size();
                if (in.hasChildren()) { // a directory reparse point counts as a file, as in wimlib
                    dirs += links;
                } else {
                    files += links;
                }
                long bytes = in.streamBytes();
                total += bytes * links;
                hard += bytes * (links - 1);
            }
            for (Dentry c : d.children()) {
                stack.push(c);
            }
        }
        return new ImageStats(dirs, files, total, hard);
    }
}
