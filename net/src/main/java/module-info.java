/**
 * WIMs on web servers (HTTP and HTTPS, read by range requests) and SMB shares, as
 * {@link java.nio.file.Path}s the WIM reader and writer use like local files
 * ({@link org.jwim.net.NetPaths#parse}).
 */
module org.jwim.net {
    requires transitive org.jwim.wim;
    requires java.net.http;
    requires com.hierynomus.smbj;

    exports org.jwim.net;
}
