package org.jwim.wim;

/**
 * Receives typed progress events from capture and apply, and can ask for cooperative
 * cancellation. Called from the thread that runs the job; implementations must be quick.
 */
public interface ProgressListener {
    /** A listener that ignores everything and never cancels. */
    ProgressListener NONE = event -> { };

    void onEvent(ProgressEvent event);

    /**
     * Polled between chunks and files; returning true stops the job with
     * {@link CancelledException} and leaves nothing under the target name.
     */
    default boolean cancelled() {
        return false;
    }
}
