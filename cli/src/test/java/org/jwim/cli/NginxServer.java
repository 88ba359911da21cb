package org.jwim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real nginx on 127.0.0.1 serving {@link #root()}, with a throwaway configuration in a temp
 * directory; its access log records the body bytes of every answer ({@link #bytesSent()}).
 * Optionally HTTPS with a given certificate and key. Files under {@code private/} need the
 * basic-authentication accounts of {@link #htpasswd()}. Skips (or fails in CI) without nginx.
 */
final class NginxServer implements AutoCloseable {
    private final Path dir;
    private final Process process;
    private final int port;

    private NginxServer(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /** Starts nginx (workers as root: the temp directories are private) serving a fresh root; {@code tls}: {cert.pem, key.pem} or null for plain HTTP. */
    static NginxServer start(Path dir, Path[] tls) throws IOException, InterruptedException {
        String nginx = ServerProcesses.sbin("nginx");
        int port = ServerProcesses.freePort();
        Files.createDirectories(dir.resolve("www"));
        Files.createDirectories(dir.resolve("tmp"));
        String listen = "listen 127.0.0.1:" + port + (tls == null ? ";" : " ssl; ssl_certificate " + tls[0]
                + "; ssl_certificate_key " + tls[1] + ";");
        String temp = dir.resolve("tmp").toString();
        Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
                "daemon off;", "user root;", "pid " + dir.resolve("nginx.pid") + ";", "error_log " + dir.resolve("error.log") + ";",
                "worker_processes 2;", "events { worker_connections 256; }", "http {",
                "  log_format bytes '$status $body_bytes_sent \"$http_range\"';",
                "  access_log " + dir.resolve("access.log") + " bytes;",
                "  client_body_temp_path " + temp + "; proxy_temp_path " + temp + "; fastcgi_temp_path " + temp + ";",
                "  uwsgi_temp_path " + temp + "; scgi_temp_path " + temp + ";",
                "  server { " + listen + " root " + dir.resolve("www") + ";",
                "    location /private/ { auth_basic jwim; auth_basic_user_file " + dir.resolve("htpasswd") + "; }",
                "    location /moved/ { rewrite ^/moved/(.*)$ /$1 permanent; } }",
                "}", ""));
        Process p = ServerProcesses.launch(new ProcessBuilder(nginx, "-c", dir.resolve("nginx.conf").toString(), "-p",
                dir.toString()), dir.resolve("nginx.out"), port, 10);
        return new NginxServer(dir, p, port);
    }

    Path root() {
        return dir.resolve("www");
    }

    /** Where the accounts for {@code private/} go (user:hash lines). */
    Path htpasswd() {
        return dir.resolve("htpasswd");
    }

    int port() {
        return port;
    }

    String url(String scheme, String name) {
        return scheme + "://127.0.0.1:" + port + "/" + name;
    }

    /** Body bytes of every answer logged so far (nginx writes the log line when an answer ends). */
    /** Requests answered so far (lines of the access log). */
    long requests() throws IOException, InterruptedException {
        Thread.sleep(300); // the last answer's line may follow its last byte
        Path log = dir.resolve("access.log");
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    long bytesSent() throws IOException, InterruptedException {
        Thread.sleep(300); // the last answer's line may follow its last byte
        Path log = dir.resolve("access.log");
        if (!Files.exists(log)) {
            return 0;
        }
        long sum = 0;
        for (String line : Files.readAllLines(log)) {
            sum += Long.parseLong(line.split(" ")[1]);
        }
        return sum;
    }

    @Override
    public void close() {
        ServerProcesses.stop(process);
    }
}
