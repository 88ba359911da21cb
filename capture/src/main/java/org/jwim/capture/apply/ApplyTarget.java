package org.jwim.capture.apply;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;

/**
 * Where an image is applied: a host directory, a raw FAT volume or a raw NTFS volume. A target
 * is opened first (reading and checking what is there, writing nothing), then asked what its
 * wipe keeps and removes and how much room the image needs, and only then applied. An opened
 * target that is not applied is closed, which writes nothing.
 */
public sealed interface ApplyTarget extends Closeable permits DirectoryTarget, FatVolumeTarget, NtfsVolumeTarget {
    /** What a target can store of an image; what it cannot is left out and reported once. */
    enum Feature {
        HARD_LINKS("extra hard link(s) written as separate copies"),
        REPARSE_POINTS("reparse point(s) not applied"),
        NAMED_STREAMS("named data stream(s) not applied"),
        SECURITY("security descriptor(s) not applied"),
        EXTENDED_ATTRIBUTES("file(s) with extended attributes applied without them"),
        ENCRYPTION("encrypted file(s) not applied"),
        /** 8.3 names: dropped silently where the target has none. */
        SHORT_NAMES(null);

        private final String dropped;

        Feature(String dropped) {
            this.dropped = dropped;
        }

        /** What the tally says when the feature is dropped, or null when it says nothing. */
        String dropped() {
            return dropped;
        }
    }

    /** Root entries the wipe keeps (protected items); empty for a target that is not wiped. */
    List<String> kept();

    /** Root entries the wipe removes; empty for a target that is not wiped. */
    List<String> removed();

    /**
     * True when the image root entry {@code d} would land on a kept item (long or short name,
     * any case, or an 8.3 alias of it), so it is skipped and reported.
     */
    boolean keeps(Dentry d);

    /** The features this target stores. */
    Set<Feature> features();

    /**
     * How much room {@code tree} needs here and how much the wipe leaves; reads the image's
     * metadata only (and the reparse data of reparse points), writes nothing.
     */
    SpaceEstimate estimate(ImageTree tree, BlobOpener blobs) throws IOException;

    /**
     * Wipes the target (keeping the protected items) and writes {@code tree}, leaving the target
     * consistent also after a failure.
     */
    ApplyReport apply(ImageTree tree, BlobOpener blobs, ApplyOptions options) throws IOException;

    /** Releases the target without writing anything when it was not applied. */
    @Override
    void close() throws IOException;
}
