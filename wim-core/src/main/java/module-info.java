/**
 * The WIM container: on-disk records, the image model, the reader, the writer and the codecs.
 * Knows nothing of NTFS or FAT; volume readers plug in through {@link org.jwim.wim.blob.BlobSource}.
 */
module org.jwim.wim {
    requires java.xml;
    requires transitive org.jwim.common; // the exceptions extend its JwimException
    // optional: only the jwim-only LZ4 and Zstandard modes use them (see compress.fast.FastCodecs)
    requires static org.lz4.java;
    requires static com.github.luben.zstd_jni;

    exports org.jwim.wim;
    exports org.jwim.wim.model;
    exports org.jwim.wim.blob;
    exports org.jwim.wim.compress;
}
