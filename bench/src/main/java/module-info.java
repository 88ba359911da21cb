/** JMH benchmarks for jwim. */
open module org.jwim.bench {
    requires org.jwim.wim;
    requires org.jwim.capture;
    requires org.jwim.fat;
    requires org.jwim.ntfs;
    requires jmh.core;
    requires com.sun.jna;
    requires java.management;
    requires jdk.management;
}
