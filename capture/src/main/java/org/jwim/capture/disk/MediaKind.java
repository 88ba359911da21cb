package org.jwim.capture.disk;

/** Whether a disk is fixed, removable, or attached over USB. */
public enum MediaKind {
    FIXED("fixed"),
    REMOVABLE("removable"),
    USB("USB"),
    UNKNOWN("unknown");

    private final String label;

    MediaKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
