package org.jwim.wim.blob;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where the bytes of a blob live while it is captured. The writer reads sources in the order
 * of {@link #sortKey()} so that a volume is read front to back.
 */
public sealed interface BlobSource
        permits HostFileSource, ExtentSource, MemorySource, WimResourceSource, StreamSource {

    /** Size in bytes the source is expected to deliver. */
    long size();

    /**
     * Physical position used to order reads (for example the byte offset of the first extent on
     * the volume); sources without a position return {@code Long.MAX_VALUE}.
     */
    long sortKey();

    /** Opens the bytes for one sequential read. The caller closes the stream. */
    InputStream open() throws IOException;
}
