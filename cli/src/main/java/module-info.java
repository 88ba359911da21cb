/** The jwim command line: picocli commands over the library's exported API. */
module org.jwim.cli {
    requires org.jwim.capture;
    requires info.picocli;
    requires org.apache.commons.compress;

    opens org.jwim.cli to info.picocli;
}
