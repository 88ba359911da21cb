package org.jwim.wim;

import java.io.IOException;

/** Root of the exceptions wim-core throws for WIM-level problems. */
public class WimException extends IOException {
    private static final long serialVersionUID = 1L;

    public WimException(String message) {
        super(message);
    }

    public WimException(String message, Throwable cause) {
        super(message, cause);
    }
}
