package org.jwim.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What {@link RangeChannel} asks the server for: announced ranges once, in pieces; other reads exactly. */
class RangeChannelTest {
    private static final byte[] FILE = new byte[20 << 20];

    static {
        new Random(7).nextBytes(FILE);
    }

    /** A channel over {@link #FILE} that records every fetch as {offset, length}. */
    static final class Recording extends RangeChannel {
        final List<long[]> fetches = Collections.synchronizedList(new ArrayList<>());
        IOException failure;

        Recording() {
            super("test://file", FILE.length);
        }

        @Override
        protected void fetch(long pos, byte[] dst, int off, int len) throws IOException {
            if (failure != null) {
                throw failure;
            }
            fetches.add(new long[] {pos, len});
            System.arraycopy(FILE, (int) pos, dst, off, len);
        }

        @Override
        protected void release() {
        }

        long fetchedBytes() {
            synchronized (fetches) {
                return fetches.stream().mapToLong(f -> f[1]).sum();
            }
        }
    }

    private static byte[] readAll(RangeChannel ch, long pos, int len, int step) throws IOException {
        byte[] out = new byte[len];
        for (int done = 0; done < len;) {
            ByteBuffer b = ByteBuffer.wrap(out, done, Math.min(step, len - done));
            int n = ch.read(b, pos + done);
            assertTrue(n > 0);
            done += n;
        }
        return out;
    }

    @Test
    void announcedRangeIsFetchedOnceInPiecesAndReadCorrectly() throws IOException {
        try (Recording ch = new Recording()) {
            ch.willRead(0, 500); // a table read before the plan, read whole: not ahead of the plan
            assertEquals(500, readAll(ch, 0, 500, 500).length);
            ch.fetches.clear();
            long off = 1000;
            int len = 10 << 20;
            ch.willRead(off, len);
            ch.willRead(off, len); // a solid resource is announced once per blob: fetched once
            byte[] got = readAll(ch, off, len, 32768);
            assertArrayEquals(java.util.Arrays.copyOfRange(FILE, (int) off, (int) off + len), got);
            assertEquals(len, ch.fetchedBytes());
            // the first pieces grow from 1 MiB (the reader's first bytes come early) to 8 MiB
            assertEquals(java.util.List.of(1L << 20, 2L << 20, 4L << 20, 3L << 20),
                    ch.fetches.stream().sorted(java.util.Comparator.comparingLong(f -> f[0])).map(f -> f[1]).toList());
        }
    }

    @Test
    void aPlanOfBackToBackRangesIsFetchedInFewRequestsAndNoGapBytes() throws IOException {
        try (Recording ch = new Recording()) {
            // 300 blobs of 3000 bytes back to back, then one after a gap of 10 bytes, then one
            // before the first (out of order): three requests, not a byte in the gap
            int n = 302;
            long[] offsets = new long[n];
            long[] lengths = new long[n];
            for (int i = 0; i < 300; i++) {
                offsets[i] = 5000 + 3000L * i;
                lengths[i] = 3000;
            }
            offsets[300] = 5000 + 3000L * 300 + 10;
            lengths[300] = 700;
            offsets[301] = 100;
            lengths[301] = 4900;
            ch.willReadAll(offsets, lengths);
            for (int i = 0; i < n; i++) {
                int times = i % 50 == 1 && i < 300 ? 2 : 1; // a blob opened twice does not drop its piece early
                for (int t = 0; t < times; t++) {
                    byte[] got = readAll(ch, offsets[i], (int) lengths[i], 1024);
                    assertArrayEquals(java.util.Arrays.copyOfRange(FILE, (int) offsets[i],
                            (int) (offsets[i] + lengths[i])), got);
                }
            }
            assertEquals(3, ch.fetches.size());
            assertEquals(java.util.Arrays.stream(lengths).sum(), ch.fetchedBytes());
            ch.willRead(offsets[7], lengths[7]); // announced already: nothing more is fetched
            assertEquals(3, ch.fetches.size());
        }
    }

    @Test
    void unannouncedReadsFetchExactlyWhatIsAsked() throws IOException {
        try (Recording ch = new Recording()) {
            byte[] got = readAll(ch, 208, 100, 100);
            assertArrayEquals(java.util.Arrays.copyOfRange(FILE, 208, 308), got);
            assertEquals(List.of(208L, 100L), List.of(ch.fetches.get(0)[0], ch.fetches.get(0)[1]));
            assertEquals(-1, ch.read(ByteBuffer.allocate(1), FILE.length));
        }
    }

    @Test
    void readsPastTheEndAndAfterCloseAreRefused() throws IOException {
        Recording ch = new Recording();
        ByteBuffer b = ByteBuffer.allocate(10);
        assertEquals(-1, ch.read(b, FILE.length + 5L));
        ch.close();
        assertThrows(java.nio.channels.ClosedChannelException.class, () -> ch.read(b, 0));
    }

    @Test
    void aFailedFetchFailsTheReadWithTheServersMessage() {
        try (Recording ch = new Recording()) {
            ch.failure = new NetException("test://file: asked for bytes 0-9, the server sent bytes 5-14");
            ch.willRead(0, 10);
            IOException e = assertThrows(IOException.class, () -> ch.read(ByteBuffer.allocate(10), 0));
            assertEquals("test://file: asked for bytes 0-9, the server sent bytes 5-14", e.getMessage());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void nothingIsWritable() throws IOException {
        try (Recording ch = new Recording()) {
            assertThrows(java.nio.channels.NonWritableChannelException.class, () -> ch.write(ByteBuffer.allocate(1), 0));
            assertThrows(java.nio.channels.NonWritableChannelException.class, () -> ch.truncate(0));
        }
    }
}
