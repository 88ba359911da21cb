package org.jwim.fat.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jwim.common.LE;

class LongNameAssemblerTest {
    private static final int[] OFFS = {1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30};

    /** LFN entries for {@code name}, in on-disk order (highest ordinal first). */
    static List<byte[]> lfn(String name, int checksum) {
        int n = (name.length() + 12) / 13;
        List<byte[]> out = new ArrayList<>();
        for (int seq = n; seq >= 1; seq--) {
            byte[] b = new byte[32];
            b[0] = (byte) (seq | (seq == n ? 0x40 : 0));
            b[0x0B] = 0x0F;
            b[0x0D] = (byte) checksum;
            for (int i = 0; i < 13; i++) {
                int idx = (seq - 1) * 13 + i;
                int c = idx < name.length() ? name.charAt(idx) : idx == name.length() ? 0 : 0xFFFF;
                LE.put16(b, OFFS[i], c);
            }
            out.add(b);
        }
        return out;
    }

    private static String feed(LongNameAssembler a, List<byte[]> entries, List<String> problems) {
        for (byte[] e : entries) {
            String p = a.add(e, 0);
            if (p != null) {
                problems.add(p);
            }
        }
        return null;
    }

    @Test
    void assemblesMultiEntryUnicodeName() {
        String name = "Ünïcödé — 日本語 and a long tail.txt";
        LongNameAssembler a = new LongNameAssembler();
        List<String> problems = new ArrayList<>();
        feed(a, lfn(name, 0x5A), problems);
        assertTrue(a.inProgress());
        assertEquals(name, a.complete(0x5A));
        assertFalse(a.inProgress());
        assertEquals(List.of(), problems);
    }

    @Test
    void exactMultipleOf13HasNoTerminator() {
        String name = "abcdefghijklm"; // 13 chars: no 0x0000 terminator, no padding
        LongNameAssembler a = new LongNameAssembler();
        feed(a, lfn(name, 7), new ArrayList<>());
        assertEquals(name, a.complete(7));
    }

    @Test
    void checksumMismatchFallsBack() {
        LongNameAssembler a = new LongNameAssembler();
        feed(a, lfn("some long name.txt", 0x11), new ArrayList<>());
        assertTrue(a.mismatchReason(0x12).contains("checksum"));
        assertNull(a.complete(0x12));
        assertFalse(a.inProgress());
    }

    @Test
    void missingEntryIsReported() {
        List<byte[]> e = lfn("a name that needs three entries!!", 3);
        assertEquals(3, e.size());
        e.remove(1);
        LongNameAssembler a = new LongNameAssembler();
        List<String> problems = new ArrayList<>();
        feed(a, e, problems);
        assertEquals(1, problems.size(), problems.toString());
        assertNull(a.complete(3));
    }

    @Test
    void orphanFirstEntryThenNewSequence() {
        LongNameAssembler a = new LongNameAssembler();
        List<String> problems = new ArrayList<>();
        feed(a, lfn("first orphan name", 1), problems);
        feed(a, lfn("second", 2), problems);
        assertEquals(1, problems.size());
        assertEquals("second", a.complete(2));
    }

    @Test
    void middleEntryWithoutStartIsDropped() {
        List<byte[]> e = lfn("twenty-six characters long", 9);
        LongNameAssembler a = new LongNameAssembler();
        assertNotNull(a.add(e.get(1), 0));
        assertFalse(a.inProgress());
        assertNull(a.complete(9));
    }

    @Test
    void badOrdinalsAreDropped() {
        byte[] b = lfn("x", 1).get(0);
        b[0] = 0x40; // ordinal 0
        LongNameAssembler a = new LongNameAssembler();
        assertNotNull(a.add(b, 0));
        b[0] = 0x40 | 21;
        assertNotNull(a.add(b, 0));
        assertFalse(a.inProgress());
    }

    @Test
    void checksumChangeMidSequenceIsDropped() {
        List<byte[]> e = lfn("twenty-six characters long", 9);
        e.get(1)[0x0D] = 10;
        LongNameAssembler a = new LongNameAssembler();
        List<String> problems = new ArrayList<>();
        feed(a, e, problems);
        assertEquals(1, problems.size());
        assertNull(a.complete(9));
    }

    /** Found by FatMetadataFuzzTest: ordinal 0 right after a finished sequence threw AIOOBE. */
    @Test
    void ordinalZeroAfterACompleteSequenceIsDropped() {
        List<byte[]> e = lfn("short name", 7);
        LongNameAssembler a = new LongNameAssembler();
        List<String> problems = new ArrayList<>();
        feed(a, e, problems);
        assertEquals(List.of(), problems);
        byte[] zero = e.get(0).clone();
        zero[0] = 0;                      // ordinal 0, no "last" flag, same checksum
        assertNotNull(a.add(zero, 0));
        assertFalse(a.inProgress());
        assertNull(a.complete(7));
    }
}
