package org.jwim.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Range requests for one file: over {@link PlainHttp} for {@code http://}, else (HTTPS, a
 * redirect) with the JDK's client. Every response is checked: status 206 and a
 * {@code Content-Range} (and {@code Content-Length}) naming exactly the bytes asked for, a body
 * of exactly that length; a server that answers otherwise fails with a {@link NetException}.
 * A dropped connection, a refused one (server restarting) or a 5xx is retried with backoff,
 * resuming from the last byte received, with one warning line per retry.
 */
final class HttpRanges {
    /** Delay before the first retry; it doubles up to {@link #MAX_DELAY_MS}. */
    private static final long FIRST_DELAY_MS = 100;
    private static final long MAX_DELAY_MS = 5_000;
    private static final int MAX_RETRIES = 10;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final Client client;
    /** For {@code http://}: plain sockets, far cheaper than the client; null for {@code https://}. */
    private final PlainHttp plain;
    private final URI uri;
    private final String name;
    private final String authorization;
    private final Consumer<String> warnings;
    private volatile long size = -1;

    /** A failure worth retrying: the connection, or the server for now (5xx). */
    private static class Transient extends IOException {
        private static final long serialVersionUID = 1L;

        Transient(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The JDK's client, made on first use (its threads and classes cost a run that needs none). */
    @FunctionalInterface
    interface Client {
        HttpClient get() throws IOException;
    }

    HttpRanges(Client client, PlainHttp plain, URI uri, String name, String authorization,
            Consumer<String> warnings) {
        this.client = client;
        this.plain = plain;
        this.uri = uri;
        this.name = name;
        this.authorization = authorization;
        this.warnings = warnings;
    }

    /** The file's size, from the Content-Range of a one-byte request (which also proves range support). */
    long probeSize() throws IOException {
        byte[] b = new byte[1];
        return withRetries(() -> 0, () -> {
            PlainHttp.Reply r = send(0, 0);
            try (InputStream body = r.body()) {
                if (r.status() == 416) { // an empty file has no byte 0
                    size = 0;
                    return 0L;
                }
                long[] range = checkRange(r, 0, 0, true);
                readBody(body, b, 0, 1, 0);
                size = range[2];
                return range[2];
            }
        });
    }

    /** Reads {@code len} bytes at {@code pos} (within the probed size). */
    void fetch(long pos, byte[] dst, int off, int len) throws IOException {
        int[] got = {0};
        withRetries(() -> pos + got[0], () -> {
            while (got[0] < len) {
                long from = pos + got[0];
                long to = pos + len - 1;
                PlainHttp.Reply r = send(from, to);
                try (InputStream body = r.body()) {
                    checkRange(r, from, to, false);
                    try {
                        got[0] += readBody(body, dst, off + got[0], len - got[0], from);
                    } catch (PartialRead p) {
                        got[0] += p.got; // the next request resumes after the bytes that arrived
                        throw p;
                    }
                }
            }
            return 0L;
        });
    }

    private interface Attempt {
        long run() throws IOException;
    }

    private long withRetries(java.util.function.LongSupplier position, Attempt a) throws IOException {
        long delay = FIRST_DELAY_MS;
        for (int attempt = 0;; attempt++) {
            try {
                return a.run();
            } catch (Transient t) {
                if (attempt >= MAX_RETRIES) {
                    throw new NetException(name + ": " + t.getMessage() + "; gave up after " + MAX_RETRIES
                            + " retries", t);
                }
                warnings.accept(name + ": " + t.getMessage() + " at byte " + position.getAsLong()
                        + "; resuming in " + delay + " ms");
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting to retry " + name);
                }
                delay = Math.min(MAX_DELAY_MS, delay * 2);
            }
        }
    }

    private PlainHttp.Reply send(long from, long to) throws IOException {
        PlainHttp.Reply r = plain != null ? sendPlain(from, to) : null;
        if (r == null || (r.status() >= 300 && r.status() < 400 && r.header("Location") != null)) {
            if (r != null) {
                r.body().close();
            }
            r = sendWithClient(from, to); // HTTPS, or a redirect: the JDK's client follows it
        }
        int status = r.status();
        if (status >= 500) {
            r.body().close();
            throw new Transient("server error " + status, null);
        }
        if (status == 404 || status == 410) {
            r.body().close();
            throw new NoSuchFileException(name, null, "HTTP " + status);
        }
        if (status == 401 || status == 403) {
            r.body().close();
            throw new AccessDeniedException(name, null, "HTTP " + status + (authorization == null
                    ? ", give credentials with --user and --password-file" : ", the credentials were refused"));
        }
        return r;
    }

    private PlainHttp.Reply sendPlain(long from, long to) throws IOException {
        String target = uri.getRawPath() + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
        String fields = "Range: bytes=" + from + "-" + to + "\r\nAccept-Encoding: identity\r\n"
                + (authorization != null ? "Authorization: " + authorization + "\r\n" : "");
        try {
            return plain.get(target, fields);
        } catch (ConnectException e) {
            throw new Transient("connection refused", e);
        } catch (IOException e) {
            throw new Transient("connection failed (" + e.getMessage() + ")", e);
        }
    }

    private PlainHttp.Reply sendWithClient(long from, long to) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(60))
                .header("Range", "bytes=" + from + "-" + to)
                .header("Accept-Encoding", "identity");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<InputStream> r;
        try {
            r = client.get().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + name);
        } catch (SSLException e) {
            throw new NetException(name + ": TLS failed, the server's certificate does not verify"
                    + " (add its CA with --ca-file): " + e.getMessage(), e);
        } catch (ConnectException e) {
            throw new Transient("connection refused", e);
        } catch (IOException e) {
            if (e.getCause() instanceof SSLException s) {
                throw new NetException(name + ": TLS failed, the server's certificate does not verify"
                        + " (add its CA with --ca-file): " + s.getMessage(), e);
            }
            throw new Transient("connection failed (" + e.getMessage() + ")", e);
        }
        Map<String, String> headers = new HashMap<>();
        r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(", ", v)));
        return new PlainHttp.Reply(r.statusCode(), headers, r.body());
    }

    /** Checks a response to a request for bytes from..to; returns {start, end, total}. */
    private long[] checkRange(PlainHttp.Reply r, long from, long to, boolean probe) throws IOException {
        if (r.status() == 200) {
            throw new NetException(name + ": the server does not support range requests (it answered 200"
                    + " with the whole file)");
        }
        if (r.status() != 206) {
            throw new NetException(name + ": unexpected answer HTTP " + r.status() + " to a range request");
        }
        String cr = r.header("Content-Range");
        Matcher m = cr == null ? null : CONTENT_RANGE.matcher(cr.trim());
        if (m == null || !m.matches() || m.group(3).equals("*")) {
            throw new NetException(name + ": the server sent no valid Content-Range (" + cr + ")");
        }
        long start = Long.parseLong(m.group(1));
        long end = Long.parseLong(m.group(2));
        long total = Long.parseLong(m.group(3));
        long expectTotal = probe ? total : size;
        if (start != from || end != to || total != expectTotal) {
            throw new NetException(name + ": asked for bytes " + from + "-" + to + "/" + expectTotal
                    + ", the server sent " + cr);
        }
        String cl = r.header("Content-Length");
        long length;
        try {
            length = cl == null ? to - from + 1 : Long.parseLong(cl.trim());
        } catch (NumberFormatException e) {
            throw new NetException(name + ": the server's Content-Length is not a number (" + cl + ")");
        }
        if (length != to - from + 1) {
            throw new NetException(name + ": asked for " + (to - from + 1) + " bytes, the server's"
                    + " Content-Length says " + length);
        }
        return new long[] {start, end, total};
    }

    /** Reads the body into dst; returns the bytes read. A short body is a dropped connection. */
    private int readBody(InputStream body, byte[] dst, int off, int len, long from) throws IOException {
        int got = 0;
        try {
            while (got < len) {
                int n = body.read(dst, off + got, len - got);
                if (n < 0) {
                    break;
                }
                got += n;
            }
        } catch (IOException e) {
            throw new PartialRead(got, e);
        }
        if (got < len) {
            throw new PartialRead(got, null);
        }
        if (body.read() >= 0) {
            throw new NetException(name + ": the server sent more than the " + len + " bytes from "
                    + from + " it announced");
        }
        return got;
    }

    /** A body that ended early: {@link #got} bytes arrived before the drop. */
    private static final class PartialRead extends Transient {
        private static final long serialVersionUID = 1L;
        final int got;

        PartialRead(int got, Throwable cause) {
            super("connection dropped", cause);
            this.got = got;
        }
    }
}
