package org.jwim.ntfs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.jwim.ntfs.NtfsFormatException;

class Lznt1Test {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** "abc" then a back-reference of distance 3, length 9 (4 offset bits at position 3). */
    static final String ABC = "05B0 08 616263 0620";

    @Test
    void decodesLiteralsAndAShortReference() throws Exception {
        byte[] out = new byte[8192];
        Arrays.fill(out, (byte) 0x55);     // stale bytes must not survive
        int n = Lznt1.decompress(hex(ABC), 0, 8, out, 0, out.length);
        assertEquals(4096, n);
        assertEquals("abcabcabcabc", new String(out, 0, 12, StandardCharsets.US_ASCII));
        for (int i = 12; i < out.length; i++) {
            assertEquals(0, out[i], "byte " + i);
        }
    }

    @Test
    void offsetLengthSplitDependsOnPosition() throws Exception {
        // 17 literals, then at position 17 (5 offset bits, 11 length bits) distance 17 length 5
        String lit = HexFormat.of().formatHex("ABCDEFGHIJKLMNOPQ".getBytes(StandardCharsets.US_ASCII));
        String data = "00" + lit.substring(0, 16) + "00" + lit.substring(16, 32) + "02" + lit.substring(32) + "0280";
        int size = data.length() / 2;
        String header = String.format("%02X%02X", (size - 1) & 0xFF, 0xB0 | (size - 1) >> 8);
        byte[] out = new byte[4096];
        Lznt1.decompress(hex(header + data), 0, size + 2, out, 0, out.length);
        assertEquals("ABCDEFGHIJKLMNOPQABCDE", new String(out, 0, 22, StandardCharsets.US_ASCII));
    }

    @Test
    void storedChunkThenCompressedChunkThenEnd() throws Exception {
        byte[] raw = new byte[4096];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (i * 7);
        }
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes(hex("FF3F"));
        in.writeBytes(raw);
        in.writeBytes(hex(ABC));
        in.writeBytes(hex("0000"));
        byte[] out = new byte[16384];
        byte[] src = in.toByteArray();
        int n = Lznt1.decompress(src, 0, src.length, out, 0, out.length);
        assertEquals(8192, n);
        assertArrayEquals(raw, Arrays.copyOf(out, 4096));
        assertEquals("abcabcabcabc", new String(out, 4096, 12, StandardCharsets.US_ASCII));
    }

    private static void rejects(String chunk, String fragment) {
        byte[] src = hex(chunk);
        NtfsFormatException e = assertThrows(NtfsFormatException.class,
                () -> Lznt1.decompress(src, 0, src.length, new byte[4096], 0, 4096));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void rejectsEachMalformation() {
        rejects("05B0 08 616263", "overrun");                   // chunk longer than the input
        rejects("02B0 01 0620", "before the chunk start");      // reference at position 0
        rejects("05B0 08 616263 0640", "before the chunk start"); // distance 5 at position 3
        rejects("05B0 08 616263 FF2F", "more than 4096");       // length 4098 at position 3
        rejects("04B0 08 616263 06", "truncated");
    }
}
