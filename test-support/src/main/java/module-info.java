/** JUnit 5 support for tests that need disk images. */
module org.jwim.testsupport {
    requires transitive org.jwim.capture;
    requires transitive org.junit.jupiter.api;

    exports org.jwim.testsupport;
}
