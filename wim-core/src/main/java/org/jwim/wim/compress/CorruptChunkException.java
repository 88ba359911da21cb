package org.jwim.wim.compress;

import org.jwim.wim.WimFormatException;

/**
 * A compressed chunk does not decode to exactly its stated size. Decoders throw it with a
 * position inside the chunk; the resource reader adds the file offset.
 */
public class CorruptChunkException extends WimFormatException {
    private static final long serialVersionUID = 1L;

    public CorruptChunkException(String message) {
        super(message);
    }
}
