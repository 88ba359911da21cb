package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The picocli the command line runs on is compiled for Java 17 (module {@code picocli}): the JDK
 * 25 AOT cache of {@code ./jwim} skips class files older than Java 6, which the old verifier
 * checks ("Old class has been linked"), and upstream's jar holds Java 5 ones, which every start
 * then loaded and verified anew.
 */
class PicocliBytecodeTest {
    @Test
    void picocliClassesAreJava17ClassFiles() throws IOException {
        for (Class<?> c : new Class<?>[] {CommandLine.class, CommandLine.Model.CommandSpec.class, CommandLine.Help.class}) {
            String resource = "/" + c.getName().replace('.', '/') + ".class";
            try (InputStream in = c.getResourceAsStream(resource)) {
                assertNotNull(in, resource);
                DataInputStream d = new DataInputStream(in);
                int magic = d.readInt();
                d.readUnsignedShort(); // minor version
                int major = d.readUnsignedShort();
                assertTrue(magic == 0xCAFEBABE && major >= 61, c.getName() + ": class file version " + major);
            }
        }
    }
}
