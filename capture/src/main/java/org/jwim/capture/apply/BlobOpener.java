package org.jwim.capture.apply;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jwim.wim.WimFile;
import org.jwim.wim.blob.Sha1;

/**
 * Opens the uncompressed bytes of a blob by hash, for example {@code WimFile::openBlob}. The
 * stream must throw {@link org.jwim.wim.WimFormatException} when the bytes do not match the
 * hash (a corrupt blob) and may throw other {@link IOException}s for I/O failures.
 */
@FunctionalInterface
public interface BlobOpener {
    InputStream open(Sha1 hash) throws IOException;

    /** Announces the blobs about to be opened, in their order (a WIM on a server reads them ahead). */
    default void plan(List<Sha1> order) {
    }

    /** Opens the blobs of {@code wim} and passes the plan on to it. */
    static BlobOpener of(WimFile wim) {
        return new BlobOpener() {
            @Override
            public InputStream open(Sha1 hash) throws IOException {
                return wim.openBlob(hash);
            }

            @Override
            public void plan(List<Sha1> order) {
                wim.planReads(order);
            }
        };
    }
}
