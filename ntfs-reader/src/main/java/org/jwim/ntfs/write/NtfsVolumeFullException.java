package org.jwim.ntfs.write;

import org.jwim.ntfs.NtfsFormatException;

/** The target volume has no room left for what is being written (the message says how much). */
public class NtfsVolumeFullException extends NtfsFormatException {
    private static final long serialVersionUID = 1L;

    public NtfsVolumeFullException(String message) {
        super(message);
    }
}
