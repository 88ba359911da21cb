package org.jwim.wim.write;

import java.util.ArrayList;
import java.util.List;
import org.jwim.wim.blob.BlobSource;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.StreamRef;

/**
 * A blob to store: its source, and the streams that will reference it once its hash is known
 * (the first stream plus duplicates found by hashing ahead).
 */
final class BlobJob {
    final BlobSource source;
    final List<StreamRef> streams = new ArrayList<>(1);
    /** The first stream's file, for {@link #label()}; null when {@link #fixedLabel} names the job. */
    private final Inode owner;
    private final String fixedLabel;

    /** A stream of {@code owner}'s: labelled by the file's path when a message needs it. */
    BlobJob(StreamRef first, Inode owner) {
        this(first, owner, null);
    }

    /** A job named {@code label} (a metadata resource). */
    BlobJob(StreamRef first, String label) {
        this(first, null, label);
    }

    private BlobJob(StreamRef first, Inode owner, String label) {
        this.source = first.source();
        this.owner = owner;
        this.fixedLabel = label;
        streams.add(first);
    }

    long size() {
        return source.size();
    }

    /**
     * What the job is for messages: the first path of the first stream's file, with ":name"
     * for a named stream. Made on demand: building a path per blob was a measurable share of
     * the caller's per-file work, and only errors and progress events print one.
     */
    String label() {
        if (fixedLabel != null) {
            return fixedLabel;
        }
        StreamRef s = streams.get(0);
        String path = owner.dentries().isEmpty() ? "?" : owner.dentries().get(0).path();
        return switch (s.kind()) {
            case DATA -> path + (s.name().isEmpty() ? "" : ":" + s.name());
            case REPARSE -> path + " (reparse data)";
            case EFS -> path + " (EFS data)";
        };
    }
}
