package org.jwim.wim.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Positional reads of an extent source give the bytes its sequential stream gives. */
class ExtentSourceTest {
    @TempDir
    Path dir;

    @Test
    void positionalReadsMatchTheStreamAcrossExtentsHolesAndEmptyExtents() throws IOException {
        byte[] volume = new byte[100_000];
        new Random(5).nextBytes(volume);
        Path f = dir.resolve("vol");
        Files.write(f, volume);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ExtentSource s = new ExtentSource(ch, new long[] {50_000, -1, 7, 0, 90_000, -1},
                    new long[] {10_000, 5_000, 0, 4_096, 9_000, 3});
            byte[] all;
            try (InputStream in = s.open()) {
                all = in.readAllBytes();
            }
            Random rnd = new Random(6);
            for (int i = 0; i < 500; i++) {
                int from = rnd.nextInt(all.length + 1);
                int len = rnd.nextInt(all.length - from + 1);
                byte[] got = new byte[len];
                ByteBuffer dst = i % 2 == 0 ? ByteBuffer.wrap(got) : ByteBuffer.allocateDirect(len);
                s.read(from, dst);
                if (i % 2 == 1) {
                    dst.flip().get(got);
                }
                byte[] want = java.util.Arrays.copyOfRange(all, from, from + len);
                assertArrayEquals(want, got, "bytes " + from + "+" + len);
            }
            assertThrows(IndexOutOfBoundsException.class, () -> s.read(all.length - 1, ByteBuffer.allocate(2)));
        }
    }

    @Test
    void extentPastTheVolumeEndIsAnError() throws IOException {
        Path f = dir.resolve("short");
        Files.write(f, new byte[1000]);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ExtentSource s = new ExtentSource(ch, new long[] {500}, new long[] {1000});
            assertThrows(IOException.class, () -> s.read(0, ByteBuffer.allocate(1000)));
        }
    }
}
