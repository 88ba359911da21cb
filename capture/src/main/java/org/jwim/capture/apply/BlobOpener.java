package org.jwim.capture.apply;

import java.io.IOException;
import java.io.InputStream;
import org.jwim.wim.blob.Sha1;

/**
 * Opens the uncompressed bytes of a blob by hash, for example {@code WimFile::openBlob}. The
 * stream must throw {@link org.jwim.wim.WimFormatException} when the bytes do not match the
 * hash (a corrupt blob) and may throw other {@link IOException}s for I/O failures.
 */
@FunctionalInterface
public interface BlobOpener {
    InputStream open(Sha1 hash) throws IOException;
}
