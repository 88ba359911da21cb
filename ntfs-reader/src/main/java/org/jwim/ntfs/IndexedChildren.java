package org.jwim.ntfs;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jwim.common.Warning;
import org.jwim.ntfs.data.VolumeIo;
import org.jwim.ntfs.format.Attribute;
import org.jwim.ntfs.format.FileRecord;
import org.jwim.ntfs.format.IndexNode;
import org.jwim.common.LE;

/**
 * The records each directory's $I30 index lists. Windows and ntfs-3g find files only through
 * these indexes, so a record whose $FILE_NAME names a parent that does not list it (an orphan,
 * left by a crash or a faulty driver) is invisible to them, and is left out of the tree.
 */
final class IndexedChildren {
    static final String INDEX = "$I30";

    private final VolumeIo io;
    private final Map<Long, List<Attribute>> indexes;
    private final Consumer<Warning> warnings;

    IndexedChildren(VolumeIo io, Map<Long, List<Attribute>> indexes, Consumer<Warning> warnings) {
        this.io = io;
        this.indexes = indexes;
        this.warnings = warnings;
    }

    /**
     * Records listed by the index of directory {@code rec}; null when it has no index or a
     * damaged one (then nothing is filtered).
     */
    Set<Long> listed(long rec) {
        List<Attribute> attrs = indexes.get(rec);
        if (attrs == null) {
            return null;
        }
        boolean[] damaged = {false};
        List<byte[]> entries = IndexReader.read(io, rec, INDEX, attrs, w -> {
            damaged[0] = true;
            warnings.accept(w);
        });
        if (damaged[0]) {
            // a damaged index would make listed files look like orphans: trust $FILE_NAME instead
            warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                    "MFT record " + rec + ": directory index damaged; its files are taken from"
                    + " their $FILE_NAME parent references"));
            return null;
        }
        Set<Long> out = new HashSet<>();
        for (byte[] e : entries) {
            out.add(LE.u64(e, IndexNode.ENTRY_FILE_REFERENCE) & FileRecord.REF_MASK);
        }
        return out;
    }
}
