package org.jwim.net;

import org.jwim.common.JwimException;

/**
 * A failure of a web server or SMB share: the message names the location (never with a
 * password) and the reason, for example {@code http://host/ref.wim: 404 Not Found}.
 */
public class NetException extends JwimException {
    private static final long serialVersionUID = 1L;

    public NetException(String message) {
        super(message);
    }

    public NetException(String message, Throwable cause) {
        super(message, cause);
    }
}
