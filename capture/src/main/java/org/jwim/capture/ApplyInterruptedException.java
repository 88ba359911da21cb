package org.jwim.capture;

import org.jwim.wim.CancelledException;

/**
 * An apply stopped by cancellation ({@link org.jwim.wim.ProgressListener#cancelled()}) at a
 * consistent point. The message says what the interrupted volume holds: either its old content,
 * untouched ({@link #unchanged()}), or the part of the new image written so far (complete files
 * and empty ones, the protected items intact).
 */
public final class ApplyInterruptedException extends CancelledException {
    private static final long serialVersionUID = 1L;
    private final boolean unchanged;

    public ApplyInterruptedException(String message, boolean unchanged) {
        super(message);
        this.unchanged = unchanged;
    }

    /** True when the interrupted volume was left as before the apply. */
    public boolean unchanged() {
        return unchanged;
    }
}
