package org.jwim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Servers for the network tests, on 127.0.0.1: a proxy that drops one connection in the middle
 * of an answer or counts the bytes a server sends, and a web server that lies about the ranges
 * it sends.
 */
final class TestServers {
    private TestServers() {
    }

    /** A TCP proxy to {@code targetPort} that cuts the first answer longer than {@code dropAfter} bytes there. */
    static ServerSocket droppingProxy(int targetPort, long dropAfter) throws IOException {
        return proxy(targetPort, dropAfter, new AtomicLong());
    }

    /** A TCP proxy to {@code targetPort} that adds every byte the server sends to {@code received}. */
    static ServerSocket countingProxy(int targetPort, AtomicLong received) throws IOException {
        return proxy(targetPort, Long.MAX_VALUE, received);
    }

    private static ServerSocket proxy(int targetPort, long dropAfter, AtomicLong received) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        AtomicBoolean dropped = new AtomicBoolean();
        daemon(() -> {
            while (!server.isClosed()) {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                daemon(() -> pipe(client.getInputStream(), upstream.getOutputStream(), Long.MAX_VALUE, null, null));
                daemon(() -> {
                    pipe(upstream.getInputStream(), client.getOutputStream(), dropAfter, dropped, received);
                    client.close();
                    upstream.close();
                });
            }
        });
        return server;
    }

    private static void pipe(InputStream in, OutputStream out, long dropAfter, AtomicBoolean dropped,
            AtomicLong received) throws IOException {
        byte[] buf = new byte[16384];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            if (dropped != null && total + n > dropAfter && dropped.compareAndSet(false, true)) {
                out.write(buf, 0, (int) Math.max(0, dropAfter - total));
                out.flush();
                return;
            }
            out.write(buf, 0, n);
            total += n;
            if (received != null) {
                received.addAndGet(n);
            }
        }
    }

    /**
     * A web server that answers every range request with status 206 and the given header lines
     * (for example a Content-Range other than the one asked for), then {@code bodyLength} zero bytes.
     */
    static ServerSocket lyingServer(String headers, int bodyLength) throws IOException {
        return lyingServer("206 Partial Content", headers, bodyLength);
    }

    /** Like {@link #lyingServer(String, int)} with another status, e.g. "200 OK" (ranges ignored). */
    static ServerSocket lyingServer(String status, String headers, int bodyLength) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    int state = 0;
                    while (state < 4) { // read up to the blank line ending the request
                        int c = in.read();
                        if (c < 0) {
                            break;
                        }
                        state = (c == '\r' && state % 2 == 0) || (c == '\n' && state % 2 == 1) ? state + 1 : 0;
                    }
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 " + status + "\r\n" + headers + "Connection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(new byte[bodyLength]);
                    out.flush();
                }
            }
        });
        return server;
    }

    private interface Body {
        void run() throws IOException;
    }

    private static void daemon(Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (IOException e) {
                // the socket was closed: the server or the connection ends
            }
        }, "test-server");
        t.setDaemon(true);
        t.start();
    }
}
