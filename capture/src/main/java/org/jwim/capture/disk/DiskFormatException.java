package org.jwim.capture.disk;

import org.jwim.common.JwimException;

/**
 * A partition table cannot be read: the message names the sector or byte offset and what
 * was expected versus found.
 */
public class DiskFormatException extends JwimException {
    private static final long serialVersionUID = 1L;

    public DiskFormatException(String message) {
        super(message);
    }
}
