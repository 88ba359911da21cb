/** The jwim command line: picocli commands over the library's exported API. */
module org.jwim.cli {
    requires org.jwim.capture;
    requires org.jwim.net;
    requires info.picocli;
    requires org.apache.commons.compress;
    // optional in wim-core; required here so that compress=lz4|zstd work from the module path
    requires org.lz4.java;
    requires com.github.luben.zstd_jni;

    opens org.jwim.cli to info.picocli;
}
