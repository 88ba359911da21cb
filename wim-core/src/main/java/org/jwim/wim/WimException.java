package org.jwim.wim;

import org.jwim.common.JwimException;

/** Root of the exceptions wim-core throws for WIM-level problems. */
public class WimException extends JwimException {
    private static final long serialVersionUID = 1L;

    public WimException(String message) {
        super(message);
    }

    public WimException(String message, Throwable cause) {
        super(message, cause);
    }
}
