package org.jwim.wim.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import org.jwim.wim.BlobInfo;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.WimFile;
import org.jwim.wim.WimWriter;
import org.jwim.wim.WriteOptions;
import org.jwim.wim.blob.MemorySource;
import org.jwim.wim.format.ResourceHeader;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.StreamKind;
import org.jwim.wim.model.StreamRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream decodes ahead on the pool only while fewer streams are open than there are decode
 * threads and no other opens; with as many consumers as threads, each decodes inline, and the
 * bytes are the same either way.
 */
class ReadAheadPolicyTest {
    @TempDir
    Path dir;

    private byte[] big;
    private ResourceHeader res;
    private int chunkSize;

    /** A WIM with one 4 MB XPRESS blob: {@link #big}, its resource {@link #res}. */
    private Path bigBlobWim() throws IOException {
        big = new byte[4_000_000];
        Random r = new Random(5);
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (r.nextInt(40) == 0 ? r.nextInt() : 'a' + i % 23);
        }
        Path wim = dir.resolve("x.wim");
        try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(CompressionType.XPRESS))) {
            ImageTree t = ImageTree.empty();
            Inode in = new Inode(Inode.ATTR_NORMAL);
            in.addStream(StreamRef.fromSource(StreamKind.DATA, "", new MemorySource(big)));
            t.root().add(new Dentry("big", in));
            w.addImage(t, ImageInfo.of("x", ""));
            w.commit();
        }
        try (WimFile f = WimFile.open(wim)) {
            BlobInfo b = f.blobs().stream().filter(x -> !x.metadata()).findFirst().orElseThrow();
            res = new ResourceHeader(b.storedSize(), b.flags(), b.offset(), b.size());
            chunkSize = f.chunkSize();
        }
        return wim;
    }

    @Test
    void readAheadStopsWhileAsManyStreamsAsDecodeThreadsAreOpen() throws IOException {
        Path wim = bigBlobWim();
        try (FileChannel ch = FileChannel.open(wim)) {
            ResourceReader reader = new ResourceReader(ch, ch.size(), CompressionType.XPRESS, chunkSize);
            reader.decodeThreads(2);
            ThreadPoolExecutor pool = (ThreadPoolExecutor) reader.decodePool();
            byte[] a = new byte[big.length];
            byte[] c = new byte[big.length];
            try (InputStream alone = reader.open(res, "big")) {
                int first = 8 * chunkSize;
                assertEquals(first, alone.readNBytes(a, 0, first));
                assertTrue(pool.getTaskCount() > 0, "a lone stream reads ahead");
                long submitted = settledTaskCount(pool);
                try (InputStream second = reader.open(res, "big")) {
                    // both streams stay unfinished through this loop
                    int off = first;
                    for (; off + chunkSize < big.length; off += chunkSize) {
                        assertEquals(chunkSize, alone.readNBytes(a, off, chunkSize));
                        assertEquals(chunkSize, second.readNBytes(c, off - first, chunkSize));
                    }
                    assertEquals(submitted, settledTaskCount(pool), "two streams on two threads decode inline");
                    assertEquals(big.length - off, alone.readNBytes(a, off, big.length - off));
                    int rest = big.length - off + first;
                    assertEquals(rest, second.readNBytes(c, off - first, rest));
                }
            }
            assertArrayEquals(big, a);
            assertArrayEquals(big, c);
            long before = pool.getTaskCount();
            try (InputStream again = reader.open(res, "big")) {
                assertArrayEquals(big, again.readAllBytes());
            }
            assertTrue(pool.getTaskCount() > before, "read-ahead resumes once the others are done");
            reader.close();
        }
    }

    /** Closing a stream mid-way cancels the chunks queued for read-ahead: they are never decoded. */
    @Test
    void closingMidStreamCancelsTheQueuedReadAhead() throws Exception {
        Path wim = bigBlobWim();
        try (FileChannel ch = FileChannel.open(wim)) {
            ResourceReader reader = new ResourceReader(ch, ch.size(), CompressionType.XPRESS, chunkSize);
            reader.decodeThreads(2);
            ThreadPoolExecutor pool = (ThreadPoolExecutor) reader.decodePool();
            CountDownLatch release = new CountDownLatch(1);
            for (int i = 0; i < 2; i++) { // both decode threads busy: read-ahead can only queue
                pool.submit(() -> {
                    release.await();
                    return null;
                });
            }
            List<Runnable> queued;
            try (InputStream in = reader.open(res, "big")) {
                int chunks = 0;
                while (pool.getQueue().isEmpty() && chunks < 32) {
                    assertEquals(chunkSize, in.readNBytes(chunkSize).length); // decoded inline until read-ahead starts
                    chunks++;
                }
                queued = new ArrayList<>(pool.getQueue());
                assertTrue(queued.size() >= 2, "read-ahead queued " + queued.size() + " chunks after " + chunks);
            } finally {
                release.countDown();
            }
            for (Runnable r : queued) {
                assertTrue(((Future<?>) r).isCancelled(), "a chunk queued ahead still runs after close");
            }
            settledTaskCount(pool);
            assertEquals(0, pool.getActiveCount());
            reader.close();
        }
    }

    /**
     * The pool's task count once it is idle. getTaskCount() is approximate while tasks move:
     * one a worker has taken from the queue but not started is counted nowhere for a moment.
     */
    private static long settledTaskCount(ThreadPoolExecutor pool) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long last = -1;
        while (System.nanoTime() < deadline) {
            long now = pool.getTaskCount();
            if (now == last && pool.getActiveCount() == 0 && pool.getQueue().isEmpty()) {
                return now;
            }
            last = now;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the decode pool did not settle in 10 s");
    }
}
