package org.jwim.fat;

import java.io.IOException;

/**
 * A FAT volume cannot be read: the message says where (byte offset, cluster, path) and what
 * was expected versus found. Damaged single entries are reported, not thrown.
 */
public class FatFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public FatFormatException(String message) {
        super(message);
    }

    public FatFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
