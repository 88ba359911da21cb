/** Pure-Java FAT12/16/32 volume reader (and writer for apply); depends on the JDK only. */
module org.jwim.fat {
    exports org.jwim.fat;
    exports org.jwim.fat.write;
}
