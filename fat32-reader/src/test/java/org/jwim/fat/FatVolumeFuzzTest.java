package org.jwim.fat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Fuzz target for the FAT reader on whole images: BPB, FATs, directories and cluster chains.
 * Only {@link FatFormatException} may escape; the walk is bounded. Plain {@code mvn test}
 * replays the seeds in FatVolumeFuzzTestInputs (made by scripts/fuzz/make-seeds.sh);
 * {@link FatMetadataFuzzTest} aims the mutations at the metadata of larger volumes.
 */
class FatVolumeFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void openAndWalk(byte[] data) throws IOException {
        try (MemoryChannel ch = new MemoryChannel(data, data.length)) {
            FatMetadataFuzzTest.walk(FatVolume.open(ch, 0, data.length, w -> { }), data.length);
        } catch (FatFormatException expected) {
            // the one documented failure
        }
    }
}
