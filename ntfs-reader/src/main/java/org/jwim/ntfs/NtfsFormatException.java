package org.jwim.ntfs;

import org.jwim.common.JwimException;

/**
 * An NTFS volume cannot be read: the message says where (byte offset, MFT record number, path)
 * and what was expected versus found. Damaged single records are reported, not thrown.
 */
public class NtfsFormatException extends JwimException {
    private static final long serialVersionUID = 1L;

    public NtfsFormatException(String message) {
        super(message);
    }

    public NtfsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
