package org.jwim.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jwim.capture.testing.OracleTools;

/** Real servers run by the network tests ({@link NginxServer}, {@link SambaServer}): found, started on a free port, stopped. */
final class ServerProcesses {
    private ServerProcesses() {
    }

    /** A server tool: from the PATH, else from /usr/sbin (not on a normal user's PATH); skips without it. */
    static String sbin(String tool) {
        Path fixed = Path.of("/usr/sbin", tool);
        if (!OracleTools.onPath(tool) && Files.isExecutable(fixed)) {
            return fixed.toString();
        }
        OracleTools.requireTool(tool);
        return tool;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Starts {@code command} with its output in {@code out}; returns once it listens on {@code port}
     * of 127.0.0.1, fails if it ends first or does not listen within {@code seconds} (then stops it).
     */
    static Process launch(ProcessBuilder command, Path out, int port, int seconds) throws IOException, InterruptedException {
        String name = Path.of(command.command().get(0)).getFileName().toString();
        Process p = command.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                probe.shutdownOutput();
                return p;
            } catch (IOException e) {
                if (!p.isAlive()) {
                    throw new IOException(name + " did not start: " + Files.readString(out));
                }
                Thread.sleep(50);
            }
        }
        stop(p);
        throw new IOException(name + " did not listen on port " + port + " within " + seconds + " s");
    }

    /** Asks {@code p} to end, and kills it if it has not within 10 s. */
    static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
