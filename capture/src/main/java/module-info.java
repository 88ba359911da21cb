/** Volume sources, apply targets, disks and the jwim command line. */
module org.jwim.capture {
    requires org.jwim.wim;
    requires org.jwim.ntfs;
    requires org.jwim.fat;
    requires info.picocli;
    requires com.sun.jna;
    requires org.apache.commons.compress;

    exports org.jwim.capture;

    opens org.jwim.capture.cli to info.picocli;
}
