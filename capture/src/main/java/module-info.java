/** The front door: disks, capture sources, apply targets and their orchestration. */
module org.jwim.capture {
    requires transitive org.jwim.wim;
    requires transitive org.jwim.ntfs; // NtfsVolumeTarget reports its NtfsGeometry
    requires transitive org.jwim.fat; // FatVolumeTarget takes a FatWriter
    requires com.sun.jna;

    exports org.jwim.capture;
    exports org.jwim.capture.disk;
    exports org.jwim.capture.disk.build;
    exports org.jwim.capture.source;
    exports org.jwim.capture.apply;
    // the command line still sizes devices itself; the front door is to take this over
    exports org.jwim.capture.platform to org.jwim.cli;

    opens org.jwim.capture.platform to com.sun.jna;
}
