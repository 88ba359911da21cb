package org.jwim.wim;

/** A well-formed WIM uses a feature jwim does not implement (named in the message). */
public class UnsupportedWimException extends WimException {
    private static final long serialVersionUID = 1L;

    public UnsupportedWimException(String message) {
        super(message);
    }

    public UnsupportedWimException(String message, Throwable cause) {
        super(message, cause);
    }
}
