package org.jwim.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jwim.capture.testing.OracleTools;

/**
 * A real smbd on 127.0.0.1 and a free port with a throwaway smb.conf, password database and
 * share "images" ({@link #share()}), also exported as "secure", which requires SMB3 encryption;
 * signing is mandatory. The account is the current user with {@link #PASSWORD}.
 * Skips (or fails in CI) without smbd and smbpasswd.
 */
final class SambaServer implements AutoCloseable {
    static final String PASSWORD = "jwim-test-secret";
    private Process process;
    private final Path dir;
    private final int port;

    private SambaServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    static SambaServer start(Path dir) throws IOException, InterruptedException {
        OracleTools.requireEnvironment("root".equals(user()), "smbd serves shares only when started as root");
        String smbd = ServerProcesses.sbin("smbd");
        String smbpasswd = ServerProcesses.sbin("smbpasswd");
        int port = ServerProcesses.freePort();
        Path state = Files.createDirectories(dir.resolve("state"));
        Files.createDirectories(dir.resolve("share"));
        Path conf = dir.resolve("smb.conf");
        Files.writeString(conf, String.join("\n", "[global]", "smb ports = " + port, "interfaces = 127.0.0.1",
                "bind interfaces only = yes", "private dir = " + state, "lock directory = " + state,
                "state directory = " + state, "cache directory = " + state, "pid directory = " + state,
                "ncalrpc dir = " + state.resolve("ncalrpc"), "passdb backend = tdbsam:" + state.resolve("passdb.tdb"),
                "log file = " + dir.resolve("log.%m"), "disable spoolss = yes", "load printers = no",
                "server role = standalone server", "server signing = mandatory", "[images]", "path = " + dir.resolve("share"),
                "read only = no", "[secure]", "path = " + dir.resolve("share"), "read only = no",
                "smb encrypt = required", ""));
        Process add = new ProcessBuilder(smbpasswd, "-c", conf.toString(), "-a", "-s", user())
                .redirectErrorStream(true).redirectOutput(dir.resolve("smbpasswd.out").toFile()).start();
        add.getOutputStream().write((PASSWORD + "\n" + PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
        add.getOutputStream().close();
        if (add.waitFor() != 0) {
            throw new IOException("smbpasswd failed: " + Files.readString(dir.resolve("smbpasswd.out")));
        }
        return new SambaServer(launch(smbd, dir, port), dir, port);
    }

    /** Starts smbd with the configuration in {@code dir}; returns once it listens. */
    private static Process launch(String smbd, Path dir, int port) throws IOException, InterruptedException {
        return ServerProcesses.launch(new ProcessBuilder(smbd, "--foreground", "--configfile=" + dir.resolve("smb.conf")),
                dir.resolve("smbd.out"), port, 15);
    }

    static String user() {
        return System.getProperty("user.name");
    }

    Path share() {
        return dir.resolve("share");
    }

    /** The URI of {@code name} in the share, with the account. */
    String url(String name) {
        return "smb://" + user() + "@127.0.0.1:" + port + "/images/" + name;
    }

    int port() {
        return port;
    }

    /** Kills smbd and the processes serving its connections, and starts it again. */
    void restart() throws IOException, InterruptedException {
        stop();
        process = launch(ServerProcesses.sbin("smbd"), dir, port);
    }

    private void stop() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        ServerProcesses.stop(process);
    }
}
