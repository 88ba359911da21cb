package org.jwim.ntfs.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jwim.ntfs.format.RunList;
import org.junit.jupiter.api.Test;

/** The mapping-pairs encoder, checked by the reader's decoder. */
class RunsTest {
    @Test
    void encodesRunsHolesAndBackwardDeltasThatTheReaderDecodes() throws Exception {
        Runs r = new Runs();
        r.add(1000, 10);
        r.add(1010, 5);                                 // merges with the previous run
        r.add(Runs.SPARSE, 300);
        r.add(20, 128);                                 // backwards, length needs a sign-safe byte
        r.add(5_000_000, 70_000);
        r.add(Runs.SPARSE, 1);
        r.add(Runs.SPARSE, 2);                          // merges with the hole
        r.add(4_999_000, 1);
        assertEquals(6, r.count());
        byte[] enc = r.encode();
        RunList dec = RunList.decode(enc, 0, enc.length, r.clusters(), 10_000_000);
        assertEquals(r.count(), dec.count());
        for (int i = 0; i < r.count(); i++) {
            assertEquals(r.length(i), dec.length(i), "length " + i);
            assertEquals(r.lcn(i) == Runs.SPARSE ? RunList.SPARSE : r.lcn(i), dec.lcn(i), "lcn " + i);
        }
        assertEquals(15 + 128 + 70_000 + 1, r.allocatedClusters());
    }

    @Test
    void signedByteCounts() {
        assertEquals(1, Runs.signedBytes(127));
        assertEquals(2, Runs.signedBytes(128));
        assertEquals(1, Runs.signedBytes(-128));
        assertEquals(2, Runs.signedBytes(-129));
        assertEquals(4, Runs.signedBytes(0x7FFF_FFFFL));
        assertEquals(5, Runs.signedBytes(0x8000_0000L));
    }
}
