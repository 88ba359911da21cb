package org.jwim.wim.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jwim.wim.CompressionType;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.format.ResourceHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ResourceWriter} writes chunks behind, on a thread of its own, so the thread that
 * takes the chunks in order makes no write system call for them; what it wrote is in the file
 * once drained, and a write that fails behind fails the writer.
 */
class WriteBehindTest {
    @TempDir
    Path dir;

    /** A file channel that notes which threads write and fails writes past {@code limit} bytes. */
    private static final class Recording extends FileChannel {
        final FileChannel file;
        final Set<String> writers = ConcurrentHashMap.newKeySet();
        final Set<String> syncers = ConcurrentHashMap.newKeySet();
        final AtomicLong written = new AtomicLong();
        final long limit;

        Recording(Path p, long limit) throws IOException {
            file = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            this.limit = limit;
        }

        /** When set, a write waits for it, as a slow disk would; an interrupt then closes the file. */
        volatile CountDownLatch gate;
        final CountDownLatch inWrite = new CountDownLatch(1);

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            CountDownLatch g = gate;
            if (g != null) {
                inWrite.countDown();
                try {
                    g.await();
                } catch (InterruptedException e) { // what FileChannel does when interrupted in a write
                    file.close();
                    throw new ClosedByInterruptException();
                }
            }
            writers.add(Thread.currentThread().getName());
            if (written.addAndGet(src.remaining()) > limit) {
                throw new IOException("No space left on device");
            }
            return file.write(src, position);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return file.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException("positional writes only");
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            throw new UnsupportedOperationException("positional writes only");
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            syncers.add(Thread.currentThread().getName());
            file.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return file.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw new UnsupportedOperationException("not used by the writer");
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return file.read(dst, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw new UnsupportedOperationException("not used by the writer");
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException("not used by the writer");
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException("not used by the writer");
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }

    private static byte[] data(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void chunksAreWrittenByTheThreadBehindAndAreInTheFileOnceDrained() throws Exception {
        Path p = dir.resolve("out");
        byte[] one = data(3_500_000, 1);
        byte[] two = data(700_000, 2);
        try (Recording ch = new Recording(p, Long.MAX_VALUE); ResourceWriter w = new ResourceWriter(ch, 100,
                CompressionType.NONE, 0, null)) {
            ResourceHeader a = resource(w, one);
            ResourceHeader b = resource(w, two);
            assertTrue(ch.writers.stream().allMatch(n -> n.startsWith("jwim-write-")), ch.writers.toString());
            w.drain();
            assertEquals(100, a.offset());
            assertEquals(a.end(), b.offset());
            byte[] file = Files.readAllBytes(p);
            assertArrayEquals(one, java.util.Arrays.copyOfRange(file, 100, 100 + one.length));
            assertArrayEquals(two, java.util.Arrays.copyOfRange(file, (int) b.offset(), (int) b.end()));
        }
    }

    @Test
    void closeWithoutCommitWaitsForTheWriteInProgressAndKeepsTheFileOpen() throws Exception {
        Path p = dir.resolve("cut");
        byte[] piece = data(1 << 20, 8);
        try (Recording ch = new Recording(p, Long.MAX_VALUE)) {
            ResourceWriter w = new ResourceWriter(ch, 0, CompressionType.NONE, 0, null);
            ch.gate = new CountDownLatch(1);
            w.begin(3L << 20);
            for (int i = 0; i < 3; i++) { // three gather buffers: one in the write, two queued
                w.chunk(piece, piece.length, true);
            }
            assertTrue(ch.inWrite.await(30, TimeUnit.SECONDS));
            Thread closer = new Thread(() -> w.close(true));
            closer.start();
            closer.join(300);
            assertTrue(closer.isAlive(), "close(true) waits for the write in progress");
            ch.gate.countDown();
            closer.join(30_000);
            assertFalse(closer.isAlive());
            assertTrue(ch.file.isOpen(), "the file is still open, so an append can be cut back");
            assertEquals(1 << 20, Files.size(p), "the queued writes were dropped");
            ch.truncate(0);
        }
    }

    /** One resource through begin, chunk (in the writer's chunk size) and finish. */
    private static ResourceHeader resource(ResourceWriter w, byte[] data) throws IOException {
        w.begin(data.length);
        for (int off = 0; off < data.length; off += w.chunkSize()) {
            int len = Math.min(w.chunkSize(), data.length - off);
            w.chunk(java.util.Arrays.copyOfRange(data, off, off + len), len, true);
        }
        return w.finish(Sha1.digest(data), 0).resource();
    }

    @Test
    void longWritesAreWrittenBackOnAThreadOfTheirOwnWhichEndsWithTheWriter() throws Exception {
        Path p = dir.resolve("long");
        byte[] piece = data(1 << 20, 3);
        try (Recording ch = new Recording(p, Long.MAX_VALUE)) {
            ResourceWriter w = new ResourceWriter(ch, 0, CompressionType.NONE, 0, null);
            w.writeBackAhead();
            w.begin(70L << 20); // past one 64 MiB write-back step
            for (int i = 0; i < 70; i++) {
                w.chunk(piece, piece.length, true);
            }
            w.finish(Sha1.digest(new byte[0]), 0);
            w.drain();
            for (int i = 0; i < 500 && ch.syncers.isEmpty(); i++) {
                Thread.sleep(10);
            }
            assertEquals(Set.of("jwim-write-back"), names(ch.syncers), "written back on the write-back thread");
            w.close();
            for (int i = 0; i < 500 && !names(liveThreads()).isEmpty(); i++) {
                Thread.sleep(10);
            }
            assertEquals(Set.of(), names(liveThreads()), "the write-back thread ended");
            assertEquals(70L << 20, Files.size(p));
        }
    }

    @Test
    void withoutWriteBackAheadNothingIsSyncedBeforeTheCommit() throws Exception {
        byte[] piece = data(1 << 20, 4);
        try (Recording ch = new Recording(dir.resolve("remote-like"), Long.MAX_VALUE)) {
            try (ResourceWriter w = new ResourceWriter(ch, 0, CompressionType.NONE, 0, null)) {
                w.begin(70L << 20);
                for (int i = 0; i < 70; i++) {
                    w.chunk(piece, piece.length, true);
                }
                w.finish(Sha1.digest(new byte[0]), 0);
                w.drain();
            }
            assertEquals(Set.of(), ch.syncers, "a remote file's flush would stall its writes");
        }
    }

    private static Set<String> liveThreads() {
        Set<String> live = new java.util.HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("jwim-write-back")) {
                live.add(t.getName());
            }
        }
        return live;
    }

    /** Thread names without their trailing numbers. */
    private static Set<String> names(Set<String> threads) {
        Set<String> n = new java.util.HashSet<>();
        threads.forEach(t -> n.add(t.replaceAll("(-\\d+)+$", "")));
        return n;
    }

    @Test
    void aWriteThatFailsBehindFailsTheWriter() throws Exception {
        try (Recording ch = new Recording(dir.resolve("full"), 2 << 20); ResourceWriter w = new ResourceWriter(ch, 0,
                CompressionType.NONE, 0, null)) {
            IOException e = assertThrows(IOException.class, () -> {
                for (int i = 0; i < 16; i++) {
                    resource(w, data(1 << 20, i));
                }
                w.drain();
            });
            assertTrue(String.valueOf(e.getCause()).contains("No space left on device"), e.toString());
        }
    }
}
