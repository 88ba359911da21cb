package org.jwim.wim;

import java.util.Objects;

/**
 * What a user says about an image: NAME, DESCRIPTION and the ConfigMgr-style creator and
 * version (OSDImageCreator, OSDImageVersion), stored in the image's XML entry as CREATOR and
 * VERSION. Empty strings mean "not set".
 */
public record ImageInfo(String name, String description, String creator, String version) {
    public ImageInfo {
        name = Objects.requireNonNullElse(name, "");
        description = Objects.requireNonNullElse(description, "");
        creator = Objects.requireNonNullElse(creator, "");
        version = Objects.requireNonNullElse(version, "");
    }

    public static ImageInfo of(String name, String description) {
        return new ImageInfo(name, description, "", "");
    }
}
