package org.jwim.fat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtentInputStreamTest {
    @TempDir
    Path tmp;

    @Test
    void readsRunsInOrderWithSkipAndSingleBytes() throws Exception {
        byte[] disk = new byte[100];
        for (int i = 0; i < disk.length; i++) {
            disk[i] = (byte) i;
        }
        Path f = tmp.resolve("disk");
        Files.write(f, disk);
        FatExtents x = new FatExtents(new long[] {50, 10, 90}, new long[] {5, 3, 2});
        assertEquals(10, x.totalLength());
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            try (InputStream in = new ExtentInputStream(ch, x)) {
                assertArrayEquals(new byte[] {50, 51, 52, 53, 54, 10, 11, 12, 90, 91}, in.readAllBytes());
                assertEquals(-1, in.read());
            }
            try (InputStream in = new ExtentInputStream(ch, x)) {
                assertEquals(5, in.skip(5));
                assertEquals(10, in.read());
                assertEquals(3, in.skip(3));
                assertEquals(91, in.read());
                assertEquals(0, in.skip(4));
                assertEquals(-1, in.read(new byte[4], 0, 4));
                assertThrows(IndexOutOfBoundsException.class, () -> in.read(new byte[2], 1, 2));
            }
            // a channel shorter than the extents says: typed exception, not EOF
            FatExtents beyond = new FatExtents(new long[] {95}, new long[] {10});
            try (InputStream in = new ExtentInputStream(ch, beyond)) {
                assertThrows(FatFormatException.class, in::readAllBytes);
            }
        }
    }
}
