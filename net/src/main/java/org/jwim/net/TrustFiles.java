package org.jwim.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** TLS trust: the JDK's trust store, plus the CA certificates of a PEM file when one is given. */
final class TrustFiles {
    private TrustFiles() {
    }

    static SSLContext sslContext(Path caFile) throws IOException {
        try {
            if (caFile == null) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate c : jdkAuthorities()) {
                store.setCertificateEntry("jdk-" + n++, c);
            }
            int added = 0;
            try (InputStream in = Files.newInputStream(caFile)) {
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("file-" + added++, c);
                }
            }
            if (added == 0) {
                throw new NetException(caFile + ": no PEM certificate in the CA file");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (java.security.cert.CertificateException e) {
            throw new NetException(caFile + ": not a PEM certificate file (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new NetException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * A context that trusts no certificate, for a plain {@code http://} server: the JDK client
     * wants one even when it never speaks TLS, and the default context parses the whole JDK trust
     * store (a tenth of a second of CPU). A redirect to {@code https://} then fails to verify.
     */
    static SSLContext trustingNobody() throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[0], null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new NetException("cannot set up the HTTP client: " + e.getMessage(), e);
        }
    }

    private static X509Certificate[] jdkAuthorities() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }
}
