package org.jwim.cli;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/** Builds a command line that runs the jwim CLI in a child JVM with the test's class path. */
final class JwimProcess {
    private JwimProcess() {
    }

    static List<String> command(String... args) {
        StringBuilder cp = new StringBuilder();
        for (String prop : new String[] {"jdk.module.path", "java.class.path"}) {
            String v = System.getProperty(prop);
            if (v != null && !v.isEmpty()) {
                if (cp.length() > 0) {
                    cp.append(File.pathSeparatorChar);
                }
                cp.append(v);
            }
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        cmd.add("-cp");
        cmd.add(cp.toString());
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The repository root (surefire runs in the capture module's directory). */
    static java.nio.file.Path repoRoot() {
        java.nio.file.Path here = java.nio.file.Path.of("").toAbsolutePath();
        return java.nio.file.Files.isDirectory(here.resolve("samples")) ? here : here.getParent();
    }
}
