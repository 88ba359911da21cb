package org.jwim.capture.apply;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.jwim.capture.internal.ExtendedAttributes;
import org.jwim.capture.platform.NtfsXattrs;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.TaggedItems;

/**
 * Applies the WIM's extended attributes to files of a directory target through ntfs-3g's
 * {@code system.ntfs_ea}, where the target is an ntfs-3g mount; elsewhere they are counted and
 * reported in one warning. Used by one thread.
 */
final class DirectoryEas {
    private long notApplied;
    private String reason;

    void apply(Path path, Inode inode) {
        byte[] item = TaggedItems.find(inode.taggedItems(), TaggedItems.TAG_EXTENDED_ATTRIBUTES);
        if (item == null || item.length == 0 || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        byte[] ea = ExtendedAttributes.toNtfs(item);
        String why = ea == null ? "malformed EA item" : NtfsXattrs.setExtendedAttributes(path, ea);
        if (why != null) {
            notApplied++;
            reason = reason == null ? why : reason;
        }
    }

    /** The warning for what was not applied, or null. */
    String summary() {
        return notApplied == 0 ? null : notApplied + " file(s)' extended attributes not applied (" + reason + ")";
    }
}
