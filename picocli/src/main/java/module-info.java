/**
 * picocli, compiled here from its official sources jar for Java 17 (the upstream jar holds Java 5
 * class files, which the JDK's AOT cache does not store): the same module as upstream's.
 */
module info.picocli {
    requires static java.sql;

    exports picocli;
}
