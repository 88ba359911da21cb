package org.jwim.net;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.channels.FileChannel;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * A web server: files are read with HTTP range requests ({@link HttpRanges}); nothing can be
 * written. One connection pool per server: {@link PlainHttp}'s for {@code http://}, an
 * {@link HttpClient}'s for {@code https://} (and redirects).
 */
final class HttpBackend implements Backend {
    private final URI server;
    private HttpClient client;
    /** For {@code http://} servers, null for {@code https://}. */
    private final PlainHttp plain;
    private String authorization;
    private NetConfig config;

    /** Connects on first use, and again after {@link NetPaths#configure} changed the configuration. */
    HttpBackend(URI server) {
        this.server = server;
        this.plain = "http".equalsIgnoreCase(server.getScheme()) ? new PlainHttp(server) : null;
    }

    /** Takes up the current configuration: credentials now, the JDK's client on its first use. */
    private synchronized void configure() {
        if (config != NetPaths.config()) {
            config = NetPaths.config();
            client = null;
            authorization = authorization(config, server);
        }
    }

    private synchronized HttpClient client() throws IOException {
        configure();
        if (client == null) {
            client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(20))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .sslContext("https".equalsIgnoreCase(server.getScheme())
                            ? TrustFiles.sslContext(config.caFile()) : TrustFiles.trustingNobody())
                    .build();
        }
        return client;
    }

    /** The Authorization header value, or null: bearer token, else basic with the configured user. */
    private static String authorization(NetConfig c, URI server) {
        if (c.bearerToken() != null) {
            return "Bearer " + new String(c.bearerToken());
        }
        String user = c.user() != null ? c.user() : server.getUserInfo();
        if (user == null || c.password() == null) {
            return null;
        }
        byte[] pair = (user + ":" + new String(c.password())).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair);
    }

    private synchronized HttpRanges ranges(RemotePath p) throws IOException {
        configure();
        URI uri = p.toUri();
        if (uri.getUserInfo() != null) {
            try {
                uri = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return new HttpRanges(this::client, plain, uri, p.toString(), authorization, config.warnings());
    }

    @Override
    public FileChannel openRead(RemotePath p) throws IOException {
        HttpRanges r = ranges(p);
        long size = r.probeSize();
        return new RangeChannel(p.toString(), size) {
            @Override
            protected void fetch(long pos, byte[] dst, int off, int len) throws IOException {
                r.fetch(pos, dst, off, len);
            }

            @Override
            protected void release() {
                // the client's pooled connections are shared by the server's paths
            }
        };
    }

    @Override
    public FileChannel openWrite(RemotePath p, boolean createNew, boolean truncate) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public RemoteAttributes stat(RemotePath p) throws IOException {
        if (p.getNameCount() == 0) {
            return new RemoteAttributes(0, true, FileTime.fromMillis(0));
        }
        return new RemoteAttributes(ranges(p).probeSize(), false, FileTime.fromMillis(0));
    }

    @Override
    public void delete(RemotePath p) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void move(RemotePath from, RemotePath to, boolean replace) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public List<String> list(RemotePath dir) {
        throw new UnsupportedOperationException("cannot list directories of a web server (" + dir + ")");
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public void close() {
        if (plain != null) {
            plain.close();
        }
        // HttpClient (JDK 17) has no close; its idle connections time out
    }
}
