package org.jwim.wim.blob;

import java.io.IOException;
import java.io.InputStream;

/**
 * A blob stored in another (or the same, appended-to) WIM. The sort key is its resource offset,
 * so such blobs are copied in file order.
 */
public record WimResourceSource(long size, long sortKey, StreamSource.Opener opener)
        implements BlobSource {
    @Override
    public InputStream open() throws IOException {
        return opener.open();
    }
}
