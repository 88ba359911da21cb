package org.jwim.net;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * How to reach WIMs on the network. Secrets are held here only: no message, warning or
 * {@link #toString()} contains them.
 *
 * @param user        account for SMB or HTTP basic authentication ({@code DOMAIN;user} or
 *                    {@code DOMAIN\\user} allowed), or null to take it from the URI
 * @param password    its password, or null
 * @param bearerToken an HTTP bearer token (sent instead of basic authentication), or null
 * @param caFile      a PEM file of CA certificates trusted for HTTPS besides the JDK's, or null
 * @param warnings    receives one line per recovered failure (a dropped connection resumed)
 */
public record NetConfig(String user, char[] password, char[] bearerToken, Path caFile, Consumer<String> warnings) {
    /** No credentials, the JDK's trust store, warnings dropped. */
    public static NetConfig defaults() {
        return new NetConfig(null, null, null, null, m -> { });
    }

    @Override
    public String toString() {
        return "NetConfig[user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", bearerToken=" + (bearerToken == null ? "none" : "***") + ", caFile=" + caFile + "]";
    }
}
