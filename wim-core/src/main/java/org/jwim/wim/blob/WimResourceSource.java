package org.jwim.wim.blob;

import java.io.IOException;
import java.io.InputStream;

/**
 * A blob stored in another (or the same, appended-to) WIM. The sort key is its place in a
 * front-to-back read of that WIM, so such blobs are copied in file order; its SHA-1 is known,
 * so the writer need not hash it ahead to find duplicates.
 */
public record WimResourceSource(long size, long sortKey, Sha1 hash, StreamSource.Opener opener)
        implements BlobSource {
    @Override
    public InputStream open() throws IOException {
        return opener.open();
    }
}
