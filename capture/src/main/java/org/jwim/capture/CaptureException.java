package org.jwim.capture;

import org.jwim.common.JwimException;

/** Capture or apply cannot go on; the message names the path or volume and the reason. */
public class CaptureException extends JwimException {
    private static final long serialVersionUID = 1L;

    public CaptureException(String message) {
        super(message);
    }

    public CaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
