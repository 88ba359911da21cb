package org.jwim.ntfs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.ntfs.NtfsFormatException;
import org.jwim.ntfs.format.RunList;

class StreamInputTest {
    private static final int CS = 512;
    private static final long VOLUME_OFFSET = 4096;

    @TempDir
    Path tmp;

    private FileChannel volume(byte[] content) throws Exception {
        FileChannel ch = FileChannel.open(tmp.resolve("v.img"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        ch.write(ByteBuffer.wrap(content), VOLUME_OFFSET);
        return ch;
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >> 9));
        }
        return b;
    }

    @Test
    void readsRunsHolesAndZerosPastTheInitializedSize() throws Exception {
        byte[] disk = pattern(64 * CS);
        try (FileChannel ch = volume(disk)) {
            VolumeIo io = new VolumeIo(ch, VOLUME_OFFSET, disk.length, CS, 64);
            RunList runs = RunList.of(new long[] {2, 2, 1}, new long[] {3, RunList.SPARSE, 10});
            byte[] expected = new byte[2500];
            System.arraycopy(disk, 3 * CS, expected, 0, 1024);
            System.arraycopy(disk, 10 * CS, expected, 2048, 2300 - 2048);
            // bytes 1024..2047 are a hole; 2300..2499 lie past the initialized size -> zeros
            StreamInput in = new StreamInput(io, runs, 2500, 2300, 0);
            byte[] got = new byte[2500];
            int n = 0;
            while (n < got.length) {
                int r = in.read(got, n, Math.min(300, got.length - n));
                n += r;
            }
            assertEquals(-1, in.read());
            assertArrayEquals(expected, got);
        }
    }

    @Test
    void decompressesUnitsAndPassesRawUnitsThrough() throws Exception {
        byte[] disk = pattern(64 * CS);
        byte[] chunk = HexFormat.of().parseHex("05B008616263" + "0620");
        Arrays.fill(disk, 20 * CS, 21 * CS, (byte) 0);
        System.arraycopy(chunk, 0, disk, 20 * CS, chunk.length);
        try (FileChannel ch = volume(disk)) {
            VolumeIo io = new VolumeIo(ch, VOLUME_OFFSET, disk.length, CS, 64);
            // unit 0: 1 cluster of LZNT1 + 15 sparse; unit 1: 16 raw clusters at 30; unit 2: sparse
            RunList runs = RunList.of(new long[] {1, 15, 16, 16}, new long[] {20, RunList.SPARSE, 30, RunList.SPARSE});
            long size = 3 * 16 * CS - 100;
            StreamInput in = new StreamInput(io, runs, size, size, 4);
            byte[] got = in.readAllBytes();
            assertEquals(size, got.length);
            byte[] expected = new byte[(int) size];
            System.arraycopy("abcabcabcabc".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, expected, 0, 12);
            System.arraycopy(disk, 30 * CS, expected, 16 * CS, 16 * CS);
            assertArrayEquals(expected, got);
        }
    }

    @Test
    void damagedCompressedDataIsAFormatException() throws Exception {
        byte[] disk = pattern(64 * CS);
        disk[20 * CS] = 0x05;
        disk[20 * CS + 1] = (byte) 0xB0;
        disk[20 * CS + 2] = 0x01;          // back-reference at position 0
        try (FileChannel ch = volume(disk)) {
            VolumeIo io = new VolumeIo(ch, VOLUME_OFFSET, disk.length, CS, 64);
            RunList runs = RunList.of(new long[] {1, 15}, new long[] {20, RunList.SPARSE});
            try (InputStream in = new StreamInput(io, runs, 16 * CS, 16 * CS, 4)) {
                assertThrows(NtfsFormatException.class, in::readAllBytes);
            }
            assertThrows(NtfsFormatException.class, () -> new StreamInput(
                    new VolumeIo(ch, 0, 1 << 20, 8192, 128), runs, 10, 10, 4));
            assertThrows(NtfsFormatException.class, () -> io.readFully(disk.length - 10, new byte[20], 0, 20));
        }
    }
}
