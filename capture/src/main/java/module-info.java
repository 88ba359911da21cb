/** Volume sources, apply targets, disks and the jwim command line. */
module org.jwim.capture {
    requires transitive org.jwim.wim;
    requires transitive org.jwim.ntfs; // NtfsVolumeTarget reports its NtfsGeometry
    requires transitive org.jwim.fat; // FatVolumeTarget takes a FatWriter
    requires info.picocli;
    requires com.sun.jna;
    requires org.apache.commons.compress;

    exports org.jwim.capture;
    exports org.jwim.capture.disk;
    exports org.jwim.capture.source;
    exports org.jwim.capture.target;

    opens org.jwim.capture.cli to info.picocli;
    opens org.jwim.capture.platform to com.sun.jna;
}
