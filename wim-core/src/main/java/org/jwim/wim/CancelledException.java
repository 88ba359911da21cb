package org.jwim.wim;

/** The job was cancelled through {@link ProgressListener#cancelled()}. */
public class CancelledException extends WimException {
    private static final long serialVersionUID = 1L;

    public CancelledException(String message) {
        super(message);
    }
}
