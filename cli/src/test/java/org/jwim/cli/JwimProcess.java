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

    /**
     * The same command run as user and group {@code id} through {@code setpriv}: class path
     * entries that user cannot read (under root's home) are copied into {@code scratch} first,
     * which must be readable by everyone.
     */
    static List<String> commandAs(int id, java.nio.file.Path scratch, String... args) throws java.io.IOException {
        List<String> cmd = command(args);
        StringBuilder cp = new StringBuilder();
        int n = 0;
        for (String entry : cmd.get(2).split(File.pathSeparator)) {
            java.nio.file.Path p = java.nio.file.Path.of(entry);
            if (p.startsWith(System.getProperty("user.home")) && java.nio.file.Files.isRegularFile(p)) {
                java.nio.file.Path copy = scratch.resolve((n++) + "-" + p.getFileName());
                java.nio.file.Files.copy(p, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                p = copy;
            }
            cp.append(cp.length() > 0 ? File.pathSeparator : "").append(p);
        }
        cmd.set(2, cp.toString());
        List<String> as = new ArrayList<>(List.of("setpriv", "--reuid=" + id, "--regid=" + id, "--clear-groups"));
        as.addAll(cmd);
        return as;
    }

    /** The repository root (surefire runs in the capture module's directory). */
    static java.nio.file.Path repoRoot() {
        java.nio.file.Path here = java.nio.file.Path.of("").toAbsolutePath();
        return java.nio.file.Files.isDirectory(here.resolve("samples")) ? here : here.getParent();
    }
}
