package org.jwim.fat;

/**
 * A damaged structure that was reported and worked around (skipped entry, truncated chain,
 * rejected directory). Reading went on.
 *
 * @param path       slash-separated path of the entry concerned ("" for the volume, "/" root)
 * @param byteOffset absolute byte offset in the channel of the structure concerned, or -1
 * @param message    what was wrong and what was done about it
 */
public record FatWarning(String path, long byteOffset, String message) {
    @Override
    public String toString() {
        return (path.isEmpty() ? "" : path + ": ") + message
                + (byteOffset >= 0 ? " (at byte " + byteOffset + ")" : "");
    }
}
