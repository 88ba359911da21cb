/** The front door: disks, capture sources, apply targets and their orchestration. */
module org.jwim.capture {
    requires transitive org.jwim.common; // the exceptions extend its JwimException
    requires transitive org.jwim.wim;
    requires transitive org.jwim.ntfs; // NtfsVolumeTarget reports its NtfsGeometry
    requires transitive org.jwim.fat; // a damaged FAT volume is reported as FatFormatException
    requires com.sun.jna;

    exports org.jwim.capture;
    exports org.jwim.capture.disk;
    exports org.jwim.capture.disk.build;
    exports org.jwim.capture.source;
    exports org.jwim.capture.apply;
    exports org.jwim.capture.update;

    opens org.jwim.capture.platform to com.sun.jna;
}
