/**
 * What the WIM, NTFS and FAT modules share: little-endian field access, the Windows FILETIME
 * and the root of jwim's exceptions. Depends on the JDK only and knows no file format, so the
 * volume readers can use it and still know nothing of WIM.
 */
module org.jwim.common {
    exports org.jwim.common;
}
