/** Pure-Java FAT12/16/32 volume reader (and writer for apply); depends on the JDK and org.jwim.common only. */
module org.jwim.fat {
    requires transitive org.jwim.common; // the exceptions extend its JwimException

    exports org.jwim.fat;
    exports org.jwim.fat.write;
}
