package org.jwim.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jwim.wim.CompressionType;
import org.junit.jupiter.api.Test;

/** When capture-disk reads volumes at once: only when threads would idle, never on a rotating disk unless asked. */
class VolumeOverlapTest {
    @Test
    void uncompressedVolumesOverlapOnceThreadsOutnumberFourCoresPerVolume() {
        assertEquals(1, VolumeOverlap.lanes(0, 2, CompressionType.NONE, 3, true));
        assertEquals(1, VolumeOverlap.lanes(0, 7, CompressionType.NONE, 3, true));
        assertEquals(2, VolumeOverlap.lanes(0, 8, CompressionType.NONE, 3, true));
        assertEquals(3, VolumeOverlap.lanes(0, 64, CompressionType.NONE, 3, true), "at most one lane per volume");
    }

    @Test
    void compressionBoundVolumesDoNotOverlap() {
        assertEquals(1, VolumeOverlap.lanes(0, 64, CompressionType.XPRESS, 2, true));
        assertEquals(2, VolumeOverlap.lanes(0, 72, CompressionType.XPRESS, 2, true));
        assertEquals(1, VolumeOverlap.lanes(0, 256, CompressionType.LZX, 2, true));
        assertEquals(1, VolumeOverlap.lanes(0, 1024, CompressionType.LZMS, 2, true), "not measured: compression-bound");
    }

    @Test
    void aRotatingDiskIsReadOneVolumeAtATimeUnlessAsked() {
        assertEquals(1, VolumeOverlap.lanes(0, 16, CompressionType.NONE, 2, false));
        assertEquals(2, VolumeOverlap.lanes(2, 1, CompressionType.LZX, 3, false));
        assertEquals(2, VolumeOverlap.lanes(5, 2, CompressionType.NONE, 2, false));
    }
}
