package org.jwim.wim.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Random;
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

    @Test
    void readAheadStopsWhileAsManyStreamsAsDecodeThreadsAreOpen() throws IOException {
        byte[] big = new byte[4_000_000];
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
        ResourceHeader res;
        int chunkSize;
        try (WimFile f = WimFile.open(wim)) {
            BlobInfo b = f.blobs().stream().filter(x -> !x.metadata()).findFirst().orElseThrow();
            res = new ResourceHeader(b.storedSize(), b.flags(), b.offset(), b.size());
            chunkSize = f.chunkSize();
        }
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
                long submitted = pool.getTaskCount();
                try (InputStream second = reader.open(res, "big")) {
                    // both streams stay unfinished through this loop
                    int off = first;
                    for (; off + chunkSize < big.length; off += chunkSize) {
                        assertEquals(chunkSize, alone.readNBytes(a, off, chunkSize));
                        assertEquals(chunkSize, second.readNBytes(c, off - first, chunkSize));
                    }
                    assertEquals(submitted, pool.getTaskCount(), "two streams on two threads decode inline");
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
}
