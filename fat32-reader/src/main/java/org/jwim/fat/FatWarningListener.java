package org.jwim.fat;

/**
 * Receives {@link FatWarning}s. Called on the thread that triggered the read; implementations
 * used with one volume from several threads must be thread-safe.
 */
@FunctionalInterface
public interface FatWarningListener {
    void warning(FatWarning warning);

    /** Logs each warning at WARNING level through {@link System.Logger}. */
    static FatWarningListener logging() {
        System.Logger log = System.getLogger("org.jwim.fat");
        return w -> log.log(System.Logger.Level.WARNING, w.toString());
    }
}
