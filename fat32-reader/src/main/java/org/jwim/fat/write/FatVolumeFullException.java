package org.jwim.fat.write;

import org.jwim.common.JwimException;

/**
 * A write did not fit: the volume (or a FAT12/16 fixed root directory) has too little free
 * space for the named file or directory. Nothing of that file was allocated.
 */
public final class FatVolumeFullException extends JwimException {
    private static final long serialVersionUID = 1L;
    private final String path;

    public FatVolumeFullException(String path, long neededClusters, long freeClusters) {
        super(path + ": volume is full (needs " + neededClusters + " clusters, " + freeClusters
                + " free)");
        this.path = path;
    }

    public FatVolumeFullException(String path, String message) {
        super(path + ": " + message);
        this.path = path;
    }

    /** The file or directory that did not fit. */
    public String path() {
        return path;
    }
}
