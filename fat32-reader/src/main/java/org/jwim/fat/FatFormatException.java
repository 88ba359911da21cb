package org.jwim.fat;

import org.jwim.common.JwimException;

/**
 * A FAT volume cannot be read: the message says where (byte offset, cluster, path) and what
 * was expected versus found. Damaged single entries are reported, not thrown.
 */
public class FatFormatException extends JwimException {
    private static final long serialVersionUID = 1L;

    public FatFormatException(String message) {
        super(message);
    }

    public FatFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
