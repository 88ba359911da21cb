/** Pure-Java NTFS volume reader; depends on the JDK only and knows nothing of WIM. */
module org.jwim.ntfs {
    exports org.jwim.ntfs;
    exports org.jwim.ntfs.write;
}
