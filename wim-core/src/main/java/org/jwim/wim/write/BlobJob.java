package org.jwim.wim.write;

import java.util.ArrayList;
import java.util.List;
import org.jwim.wim.blob.BlobSource;
import org.jwim.wim.model.StreamRef;

/**
 * A blob to store: its source, and the streams that will reference it once its hash is known
 * (the first stream plus duplicates found by hashing ahead).
 */
final class BlobJob {
    final BlobSource source;
    final String label;
    final List<StreamRef> streams = new ArrayList<>(1);

    BlobJob(StreamRef first, String label) {
        this.source = first.source();
        this.label = label;
        streams.add(first);
    }

    long size() {
        return source.size();
    }
}
