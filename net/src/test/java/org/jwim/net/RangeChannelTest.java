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
            long off = 1000;
            int len = 10 << 20;
            ch.willRead(off, len);
            ch.willRead(off, len); // a solid resource is announced once per blob: fetched once
            byte[] got = readAll(ch, off, len, 32768);
            assertArrayEquals(java.util.Arrays.copyOfRange(FILE, (int) off, (int) off + len), got);
            assertEquals(len, ch.fetchedBytes());
            assertEquals(3, ch.fetches.size(), "10 MiB in pieces of at most 4 MiB");
            assertTrue(ch.fetches.stream().allMatch(f -> f[1] <= RangeChannel.PIECE));
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
