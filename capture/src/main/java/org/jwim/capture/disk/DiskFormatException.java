package org.jwim.capture.disk;

import java.io.IOException;

/**
 * A partition table cannot be read: the message names the sector or byte offset and what
 * was expected versus found.
 */
public class DiskFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public DiskFormatException(String message) {
        super(message);
    }
}
