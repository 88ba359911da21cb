package org.jwim.wim.format;

/** Small helpers shared by the metadata records. */
final class Dentries {
    private Dentries() {
    }

    static long align8(long v) {
        return (v + 7) & ~7L;
    }
}
