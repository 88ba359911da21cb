package org.jwim.net;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * GET requests over plain HTTP/1.1 on kept-alive sockets, for range reads of {@code http://}
 * URIs. Measured against the JDK's HttpClient on a 228 MB WIM over loopback: half the CPU (its
 * selector and worker threads hand each body through many small buffers, and its many classes
 * cost a short run JIT time); the body here is read straight from the socket into the
 * caller's array. HTTPS and redirects stay with the JDK's client ({@link HttpRanges}).
 */
final class PlainHttp {
    /** Longest status line or header line accepted. */
    private static final int MAX_LINE = 16 << 10;
    private static final int CONNECT_TIMEOUT_MS = 20_000;
    private static final int READ_TIMEOUT_MS = 60_000;

    private final String host;
    private final int port;
    private final ConcurrentLinkedDeque<Socket> idle = new ConcurrentLinkedDeque<>();

    PlainHttp(URI server) {
        this.host = server.getHost(); // an IPv6 address in brackets, as the Host field wants it
        this.port = server.getPort() < 0 ? 80 : server.getPort();
    }

    /** An answer: status, headers (names in lower case) and the body, which must be closed. */
    record Reply(int status, Map<String, String> headers, InputStream body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Sends a GET for {@code target} (path and query) with {@code fields} ("Name: value" lines). */
    Reply get(String target, String fields) throws IOException {
        Socket s = idle.pollFirst();
        if (s != null) {
            try {
                return exchange(s, target, fields);
            } catch (IOException e) {
                close(s); // the server closed the kept-alive connection meanwhile: one more try on a new one
            }
        }
        s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            s.setSoTimeout(READ_TIMEOUT_MS);
            return exchange(s, target, fields);
        } catch (IOException | RuntimeException e) {
            close(s);
            throw e;
        }
    }

    private Reply exchange(Socket s, String target, String fields) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(("GET " + target + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n" + fields + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = new BufferedInputStream(s.getInputStream(), 64 << 10);
        String status = line(in);
        if (status == null) {
            throw new EOFException("the server closed the connection");
        }
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + status);
        }
        int code;
        try {
            code = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status: " + status, e);
        }
        Map<String, String> headers = new HashMap<>();
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.merge(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
        }
        String te = headers.get("transfer-encoding");
        if (te != null && !te.equalsIgnoreCase("identity")) {
            close(s);
            throw new IOException("a range answer in " + te + " transfer encoding");
        }
        String cl = headers.get("content-length");
        long length;
        try {
            length = cl == null ? -1 : Long.parseLong(cl);
        } catch (NumberFormatException e) {
            throw new IOException("Content-Length " + cl, e);
        }
        boolean keep = length >= 0 && !"close".equalsIgnoreCase(headers.get("connection"))
                && !parts[0].equals("HTTP/1.0");
        return new Reply(code, headers, new Body(s, in, length, keep));
    }

    /** Closes the idle connections. */
    void close() {
        for (Socket s = idle.pollFirst(); s != null; s = idle.pollFirst()) {
            close(s);
        }
    }

    /** A line up to CRLF (or LF), without it; null at the end of the stream before any byte. */
    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                if (b.length() == 0) {
                    return null;
                }
                throw new EOFException("the server's answer ends inside its headers");
            }
            if (c != '\r') {
                if (b.length() == MAX_LINE) {
                    throw new IOException("a header line longer than " + MAX_LINE + " bytes");
                }
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing more to do with it
        }
    }

    /**
     * The body: Content-Length bytes (or up to the end of the connection without one). Closed
     * after the whole body was read, the socket goes back to the idle ones for the next request.
     */
    private final class Body extends InputStream {
        private final Socket socket;
        private final InputStream in;
        private final boolean keep;
        private long left;
        private boolean closed;

        Body(Socket socket, InputStream in, long length, boolean keep) {
            this.socket = socket;
            this.in = in;
            this.left = length < 0 ? Long.MAX_VALUE : length;
            this.keep = keep;
        }

        @Override
        public int read() throws IOException {
            byte[] b = new byte[1];
            return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                if (left != Long.MAX_VALUE) {
                    throw new EOFException("the connection closed inside the body");
                }
                left = 0;
                return -1;
            }
            left -= n;
            return n;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (keep && left == 0) {
                idle.addFirst(socket);
            } else {
                PlainHttp.close(socket);
            }
        }
    }
}
