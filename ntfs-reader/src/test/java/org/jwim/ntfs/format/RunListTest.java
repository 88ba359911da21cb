package org.jwim.ntfs.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.jwim.ntfs.NtfsFormatException;

class RunListTest {
    private static RunList decode(String hex, long clusters) throws NtfsFormatException {
        byte[] b = HexFormat.of().parseHex(hex);
        return RunList.decode(b, 0, b.length, clusters, 1_000_000);
    }

    @Test
    void decodesRunsWithPositiveAndNegativeDeltasAndSparse() throws Exception {
        // 0x18 clusters at 0x5634; 0x10 sparse; 0x20 at 0x5634 - 0x1000; 1 at +0x7F (1-byte delta)
        RunList r = decode("21183456" + "0110" + "2120" + "00F0" + "11017F" + "00", 0x18 + 0x10 + 0x20 + 1);
        assertEquals(4, r.count());
        assertEquals(0x18, r.length(0));
        assertEquals(0x5634, r.lcn(0));
        assertEquals(RunList.SPARSE, r.lcn(1));
        assertEquals(0x10, r.length(1));
        assertEquals(0x4634, r.lcn(2));
        assertEquals(0x4634 + 0x7F, r.lcn(3));
        assertEquals(0x49, r.totalClusters());
        assertEquals(0x18, r.start(1));
        assertEquals(0, r.find(0));
        assertEquals(1, r.find(0x18));
        assertEquals(3, r.find(0x48));
        assertEquals(-1, r.find(0x49));
    }

    @Test
    void signExtendsShortNegativeDeltas() throws Exception {
        RunList r = decode("1104" + "64" + "1102" + "FE" + "00", 6);
        assertEquals(100, r.lcn(0));
        assertEquals(98, r.lcn(1));
    }

    @Test
    void emptyListAndAppend() throws Exception {
        RunList e = decode("00", 0);
        assertEquals(0, e.count());
        RunList a = decode("110410" + "00", 4).append(decode("010300", 3));
        assertEquals(7, a.totalClusters());
        assertEquals(RunList.SPARSE, a.lcn(1));
        assertEquals(4, a.start(1));
    }

    private static void rejects(String hex, long clusters, String fragment) {
        NtfsFormatException e = assertThrows(NtfsFormatException.class, () -> decode(hex, clusters));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void rejectsEachMalformation() {
        rejects("110410", 4, "terminator");
        rejects("1104", 4, "overruns");
        rejects("1004" + "00", 4, "header");          // zero length bytes
        rejects("9104" + "00", 4, "header");          // 9 offset bytes
        rejects("110010" + "00", 0, "length 0");
        rejects("1104F0" + "00", 4, "outside");       // negative LCN
        rejects("3104" + "40420F" + "00", 4, "outside");  // LCN 1,000,000 = volume size
        rejects("110410" + "00", 3, "more than");
        rejects("110410" + "00", 5, "covers 4");
        rejects("18" + "FFFFFFFFFFFFFFFF" + "00", 4, "length");
        rejects("00", (1L << 32) + 1, "outside 0..2^32");       // more clusters than NTFS addresses
    }
}
