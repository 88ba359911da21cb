package org.jwim.wim.compress;

/**
 * Decompresses independent chunks. One instance per worker thread; reusable, not thread-safe.
 * Implementations check every match against the bytes produced so far and the room left, and
 * never return bytes they did not write for this chunk.
 */
public interface ChunkDecompressor {
    /**
     * Decodes {@code in[inOff, inOff+inLen)} into exactly {@code outLen} bytes at
     * {@code out[outOff]}.
     *
     * @throws CorruptChunkException if the input is malformed or does not produce exactly
     *                               {@code outLen} bytes
     */
    void decompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen)
            throws CorruptChunkException;
}
