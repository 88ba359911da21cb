package org.jwim.wim.blob;

import java.io.IOException;
import java.io.InputStream;

/**
 * Bytes produced by a decoder the capture side owns (for example an NTFS compressed attribute),
 * with the physical position of their first byte as sort key.
 */
public record StreamSource(long size, long sortKey, Opener opener) implements BlobSource {
    /** Opens one sequential read of the bytes. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    @Override
    public InputStream open() throws IOException {
        return opener.open();
    }
}
