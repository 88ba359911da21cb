package org.jwim.wim.compress;

/**
 * Compresses independent chunks. One instance per worker thread: instances are reusable and
 * not thread-safe, and the output for a chunk never depends on what was compressed before.
 */
public interface ChunkCompressor {
    /**
     * Compresses {@code in[inOff, inOff+inLen)} into {@code out} starting at {@code outOff}.
     *
     * @param maxOut the most bytes the result may take; callers pass {@code inLen - 1} so that a
     *               chunk that does not shrink is stored raw
     * @return the compressed size in bytes (1..maxOut), or 0 when the result would not fit in
     *         {@code maxOut} bytes ("no gain": the caller stores the chunk raw)
     */
    int compress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int maxOut);
}
