package org.jwim.common;

import java.io.IOException;

/**
 * Root of the exceptions jwim's modules throw for what they find in a WIM, volume or disk:
 * each module's family ({@code WimException}, {@code NtfsFormatException},
 * {@code FatFormatException}, {@code DiskFormatException}, {@code CaptureException}) extends it,
 * so a caller can tell jwim's findings from the host's own I/O errors with one catch. The
 * message says where (path, byte offset, record number) and what.
 */
public class JwimException extends IOException {
    private static final long serialVersionUID = 1L;

    public JwimException(String message) {
        super(message);
    }

    public JwimException(String message, Throwable cause) {
        super(message, cause);
    }
}
