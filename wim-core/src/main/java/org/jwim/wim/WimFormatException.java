package org.jwim.wim;

/**
 * A WIM file (or a chunk inside it) is malformed. The message names where (a byte offset in the
 * file or in a resource) and what was expected versus found.
 */
public class WimFormatException extends WimException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    /** @param offset byte offset in the WIM file the problem was found at, or -1 if unknown */
    public WimFormatException(long offset, String message) {
        super(offset >= 0 ? message + " (at offset " + offset + ")" : message);
        this.offset = offset;
    }

    public WimFormatException(String message) {
        this(-1, message);
    }

    /** @return byte offset in the WIM file, or -1 when the problem has no single location */
    public long offset() {
        return offset;
    }
}
