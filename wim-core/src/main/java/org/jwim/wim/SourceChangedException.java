package org.jwim.wim;

/**
 * A blob source delivered a different size or content than the capture scan saw (for example
 * a file that was modified while it was captured). Nothing of it is kept in the WIM.
 */
public class SourceChangedException extends WimException {
    private static final long serialVersionUID = 1L;

    public SourceChangedException(String message) {
        super(message);
    }
}
