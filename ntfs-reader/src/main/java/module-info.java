/** Pure-Java NTFS volume reader; depends on the JDK and org.jwim.common only and knows nothing of WIM. */
module org.jwim.ntfs {
    requires transitive org.jwim.common; // the exceptions extend its JwimException

    exports org.jwim.ntfs;
    exports org.jwim.ntfs.write;
}
