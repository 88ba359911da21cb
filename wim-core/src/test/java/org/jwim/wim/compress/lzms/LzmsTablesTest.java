package org.jwim.wim.compress.lzms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LzmsTablesTest {
    @Test
    void slotBasesMatchTheFormat() {
        assertEquals(0x0000000d, LzmsTables.OFFSET_BASE[9]);
        assertEquals(0x000000a5, LzmsTables.OFFSET_BASE[28]);
        assertEquals(0x065be4a5, LzmsTables.OFFSET_BASE[798]);
        assertEquals(0x465be4a5, LzmsTables.OFFSET_BASE[799]); // max offset + 1
        assertEquals(30, LzmsTables.OFFSET_EXTRA[798]);
        assertEquals(0x0000001b, LzmsTables.LENGTH_BASE[26]);
        assertEquals(0x000108ab, LzmsTables.LENGTH_BASE[53]);
        assertEquals(0x400108ab, LzmsTables.LENGTH_BASE[54]); // max length + 1
    }

    @Test
    void offsetSlotCountFollowsChunkLength() {
        assertEquals(0, LzmsTables.numOffsetSlots(0));
        assertEquals(0, LzmsTables.numOffsetSlots(1));
        assertEquals(1, LzmsTables.numOffsetSlots(2));
        assertEquals(8, LzmsTables.numOffsetSlots(9));   // offsets 1..8: slots 0..7
        assertEquals(9, LzmsTables.numOffsetSlots(10));  // offset 9 is slot 8
        int s = LzmsTables.numOffsetSlots(131072);
        // the largest offset (size - 1) falls in the last slot
        assertEquals(true, LzmsTables.OFFSET_BASE[s - 1] <= 131071 && LzmsTables.OFFSET_BASE[s] > 131071);
    }
}
