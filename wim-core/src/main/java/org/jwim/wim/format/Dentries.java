package org.jwim.wim.format;

import org.jwim.common.LE;

/** Small helpers shared by the metadata records. */
final class Dentries {
    private Dentries() {
    }

    static long align8(long v) {
        return (v + 7) & ~7L;
    }

    /**
     * Writes the UTF-16LE code units of {@code name} at {@code b[off]} as they are (an unpaired
     * surrogate of an NTFS name kept, as wimlib does); returns the bytes written. Faster than
     * {@code getBytes(UTF_16LE)}, which builds an encoder per call.
     */
    static int putName(byte[] b, int off, String name) {
        for (int i = 0; i < name.length(); i++) {
            LE.put16(b, off + 2 * i, name.charAt(i));
        }
        return name.length() * 2;
    }
}
