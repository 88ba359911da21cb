package org.jwim.ntfs.data;

import java.util.Arrays;
import org.jwim.ntfs.NtfsFormatException;

/**
 * LZNT1 decompression (the NTFS compression of attributes with the compressed flag): a sequence
 * of chunks, each a 2-byte header then either 4096 raw bytes or flag-byte groups of literals and
 * back-references whose offset/length split depends on the position inside the 4 KiB chunk.
 * Stateless; every back-reference is checked against the bytes already produced.
 */
public final class Lznt1 {
    public static final int CHUNK = 4096;

    private Lznt1() {
    }

    /**
     * Decompresses {@code in[inOff..inOff+inLen)} into {@code out[outOff..outOff+outLen)}. Bytes of
     * the output window not produced (short chunks, end marker) are zeroed.
     *
     * @return number of bytes up to the end of the last chunk produced
     * @throws NtfsFormatException on a malformed chunk (bad header, reference before the chunk
     *         start, chunk overrunning the input)
     */
    public static int decompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen)
            throws NtfsFormatException {
        int ip = inOff;
        int inEnd = inOff + inLen;
        int chunkOut = outOff;
        int outEnd = outOff + outLen;
        int produced = 0;
        while (ip + 2 <= inEnd && chunkOut < outEnd) {
            int header = (in[ip] & 0xFF) | (in[ip + 1] & 0xFF) << 8;
            if (header == 0) {
                break;
            }
            int size = (header & 0x0FFF) + 1;       // data bytes after the header
            if (ip + 2 + size > inEnd) {
                throw new NtfsFormatException("LZNT1 chunk at +" + (ip - inOff) + ": " + size
                        + " bytes overrun the compression unit");
            }
            int dataStart = ip + 2;
            int dataEnd = dataStart + size;
            int room = Math.min(CHUNK, outEnd - chunkOut);
            int n;
            if ((header & 0x8000) == 0) {
                n = Math.min(size, room);
                System.arraycopy(in, dataStart, out, chunkOut, n);
            } else {
                n = decodeChunk(in, dataStart, dataEnd, out, chunkOut, room, ip - inOff);
            }
            int chunkEnd = chunkOut + Math.min(CHUNK, outEnd - chunkOut);
            Arrays.fill(out, chunkOut + n, chunkEnd, (byte) 0);
            produced = chunkEnd - outOff;
            chunkOut = chunkEnd;
            ip = dataEnd;
        }
        Arrays.fill(out, outOff + produced, outEnd, (byte) 0);
        return produced;
    }

    private static int decodeChunk(byte[] in, int ip, int end, byte[] out, int start, int room,
            int where) throws NtfsFormatException {
        int op = start;
        int opEnd = start + room;
        while (ip < end) {
            int flags = in[ip++] & 0xFF;
            for (int bit = 0; bit < 8 && ip < end; bit++, flags >>>= 1) {
                if ((flags & 1) == 0) {
                    if (op >= opEnd) {
                        throw overflow(where);
                    }
                    out[op++] = in[ip++];
                    continue;
                }
                if (ip + 2 > end) {
                    throw new NtfsFormatException("LZNT1 chunk at +" + where + ": truncated back-reference");
                }
                int token = (in[ip] & 0xFF) | (in[ip + 1] & 0xFF) << 8;
                ip += 2;
                int pos = op - start;
                int lenBits = 12;
                for (int i = pos - 1; i >= 0x10; i >>>= 1) {
                    lenBits--;
                }
                int dist = (token >>> lenBits) + 1;
                int len = (token & ((1 << lenBits) - 1)) + 3;
                if (dist > pos) {
                    throw new NtfsFormatException("LZNT1 chunk at +" + where + ": back-reference "
                            + dist + " before the chunk start (position " + pos + ")");
                }
                if (len > opEnd - op) {
                    throw overflow(where);
                }
                int from = op - dist;
                for (int i = 0; i < len; i++) {
                    out[op + i] = out[from + i];
                }
                op += len;
            }
        }
        return op - start;
    }

    private static NtfsFormatException overflow(int where) {
        return new NtfsFormatException("LZNT1 chunk at +" + where + ": more than 4096 bytes of output");
    }
}
