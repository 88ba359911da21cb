package org.jwim.net;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The one entry point: WIM locations given as {@code http://}, {@code https://} (read only) or
 * {@code smb://[DOMAIN;]user@server/share/path.wim} URIs become {@link Path}s on which
 * {@code WimFile.open}, {@code WimWriter} and {@code Files} work as on local files; anything
 * else is a local path. Thread-safe.
 */
public final class NetPaths {
    private static volatile NetConfig config = NetConfig.defaults();
    private static final RemoteProvider HTTP = new RemoteProvider("http", HttpBackend::new);
    private static final RemoteProvider HTTPS = new RemoteProvider("https", HttpBackend::new);
    private static final RemoteProvider SMB = new RemoteProvider("smb", SmbBackend::new);

    private NetPaths() {
    }

    /** Sets the credentials, CA file and warning sink used by connections opened from now on. */
    public static void configure(NetConfig value) {
        config = Objects.requireNonNull(value);
    }

    static NetConfig config() {
        return config;
    }

    /** True if {@code location} names a network WIM (http, https or smb URI). */
    public static boolean isRemote(String location) {
        String l = location.toLowerCase(Locale.ROOT);
        return l.startsWith("http://") || l.startsWith("https://") || l.startsWith("smb://");
    }

    /**
     * The path {@code location} names: a network path for an http, https or smb URI, else
     * {@code Path.of(location)}.
     *
     * @throws InvalidPathException if the URI is malformed or carries a password
     */
    public static Path parse(String location) {
        if (!isRemote(location)) {
            return Path.of(location);
        }
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            throw new InvalidPathException(location, "not a valid URI: " + e.getReason());
        }
        if (uri.getHost() == null) {
            throw new InvalidPathException(location, "no server named");
        }
        if (uri.getRawUserInfo() != null && uri.getRawUserInfo().contains(":")) {
            throw new InvalidPathException(base(uri), "a password in the URI would show in process lists;"
                    + " give it with --password-file or the environment instead");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new InvalidPathException(base(uri), "query strings and fragments are not supported");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        RemoteProvider p = switch (scheme) {
            case "http" -> HTTP;
            case "https" -> HTTPS;
            default -> SMB;
        };
        RemoteFileSystem fs = p.system(uri, base(uri));
        return RemotePath.of(fs, uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath());
    }

    /**
     * Starts connecting and logging on to the server of a network path on a thread of its own
     * (call after {@link #configure}), so that work that does not need it runs meanwhile; the
     * first use of the path waits for it and fails as the logon did. Nothing for a local path.
     */
    public static void connectAhead(Path path) {
        if (path instanceof RemotePath p) {
            p.getFileSystem().backend().connectAhead(p);
        }
    }

    /** Scheme, user (never a password), host and port of {@code uri}. */
    static String base(URI uri) {
        String user = uri.getUserInfo();
        if (user != null && user.contains(":")) {
            user = user.substring(0, user.indexOf(':'));
        }
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + (user == null ? "" : user + "@") + uri.getHost()
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
