package org.jwim.capture.disk;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Fuzz target for MBR (with extended chains) and GPT parsing, disk bytes in memory. Only
 * {@link DiskFormatException} may escape. Seeds: PartitionTableFuzzTestInputs.
 */
class PartitionTableFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void read(byte[] data) throws IOException {
        PartitionTable.SectorReader disk = (offset, length) -> {
            if (offset < 0 || length < 0 || offset > data.length - length) {
                throw new DiskFormatException("read past the end at " + offset);
            }
            return java.util.Arrays.copyOfRange(data, (int) offset, (int) offset + length);
        };
        try {
            PartitionTable t = PartitionTable.read(disk, data.length, 0, w -> { });
            for (Partition p : t.partitions()) {
                if (p.offset() < 0 || p.end() > data.length) {
                    throw new AssertionError("partition outside the disk: " + p);
                }
            }
        } catch (DiskFormatException expected) {
            // the one documented failure
        }
    }
}
