package org.jwim.ntfs;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Fuzz target for the NTFS reader on whole images: boot sector, MFT records and fixups,
 * attributes, run lists, LZNT1. Only {@link NtfsFormatException} may escape; damaged records
 * become warnings. Plain {@code mvn test} replays the seeds in NtfsVolumeFuzzTestInputs (raw
 * images of 2 MiB: scripts/fuzz/fuzz raises libFuzzer's -max_len so they are not truncated).
 * {@link NtfsRecordFuzzTest} reaches the records themselves with small inputs.
 */
class NtfsVolumeFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void openAndWalk(byte[] data) throws IOException {
        try (MemoryChannel ch = new MemoryChannel(data, data.length)) {
            NtfsRecordFuzzTest.walk(NtfsVolume.open(ch, 0, data.length, w -> { }), data.length, 1 << 20);
        } catch (NtfsFormatException expected) {
            // the one documented failure
        }
    }
}
