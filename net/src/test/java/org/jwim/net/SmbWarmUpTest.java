package org.jwim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The warm-up the AOT cache is trained with runs without any server and encodes whole windows
 * (smbj copies only the chunks a request has credits for: without them a window would encode
 * as 64 KiB and the training would miss most of the write path).
 */
class SmbWarmUpTest {
    @Test
    void encodesWholeWindowsWithoutAServer() throws Exception {
        assertEquals(3L * (SmbWriteChannel.BUFFER + SmbWarmUp.WRITE_OVERHEAD), SmbWarmUp.run(3));
    }

    @Test
    void aWindowAndItsHeadersFitFourMebibytes() {
        // else smbj's doubling buffer takes 8 MiB for every request
        assertTrue(SmbWriteChannel.BUFFER + SmbWarmUp.WRITE_OVERHEAD <= 4 << 20);
    }
}
