package org.jwim.wim.compress.lzx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.jwim.wim.compress.CorruptChunkException;
import org.junit.jupiter.api.Test;

/** Hand-built chunks with uncompressed blocks (jwim's encoder never writes them). */
class LzxUncompressedBlockTest {

    /** Header bits of an uncompressed block with an explicit size, padded to a word. */
    private static void header(ByteArrayOutputStream out, int size, int windowOrder) {
        BitWriter w = new BitWriter(16);
        w.write(LzxConstants.BLOCK_UNCOMPRESSED, 3);
        w.write(0, 1);
        if (windowOrder == 15) {
            w.write(size, 16);
        } else {
            w.write(size >>> 8, 16);
            w.write(size & 0xFF, 8);
        }
        w.flush();
        out.write(w.buf, 0, w.size());
    }

    private static void u32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    private static void block(ByteArrayOutputStream out, byte[] data, int windowOrder) {
        header(out, data.length, windowOrder);
        u32(out, 1);
        u32(out, 2);
        u32(out, 3);
        out.write(data, 0, data.length);
        if ((data.length & 1) != 0) {
            out.write(0);
        }
    }

    @Test
    void twoUncompressedBlocksWithOddSizeAndE8() throws Exception {
        for (int chunkSize : new int[] {32768, 65536}) {
            int order = LzxConstants.windowOrder(chunkSize);
            byte[] plain = LzxTestData.x86Like(301, 5); // has E8 calls
            byte[] translated = plain.clone();
            LzxConstants.e8Encode(translated, 0, translated.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            block(out, Arrays.copyOfRange(translated, 0, 101), order); // odd: one pad byte
            block(out, Arrays.copyOfRange(translated, 101, 301), order);
            byte[] chunk = out.toByteArray();
            byte[] result = new byte[301];
            new LzxDecompressor(chunkSize).decompress(chunk, 0, chunk.length, result, 0, 301);
            assertArrayEquals(plain, result, "chunk size " + chunkSize);
        }
    }

    @Test
    void zeroRecentOffsetAndTruncationAreCorrupt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out, 10, 15);
        u32(out, 0);
        u32(out, 1);
        u32(out, 1);
        out.write(new byte[10], 0, 10);
        byte[] bad = out.toByteArray();
        assertThrows(CorruptChunkException.class,
                () -> new LzxDecompressor(32768).decompress(bad, 0, bad.length, new byte[10], 0, 10));
        ByteArrayOutputStream out2 = new ByteArrayOutputStream();
        block(out2, new byte[10], 15);
        byte[] ok = out2.toByteArray();
        assertThrows(CorruptChunkException.class,
                () -> new LzxDecompressor(32768).decompress(ok, 0, ok.length - 3, new byte[10], 0, 10));
        assertThrows(CorruptChunkException.class,
                () -> new LzxDecompressor(32768).decompress(ok, 0, ok.length, new byte[11], 0, 11));
    }
}
