package org.jwim.wim.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Random;
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
 * Reads that want a whole chunk get it decoded straight into the caller's array (at any
 * offset); the bytes must be those of reads through the stream's own chunk buffer, for
 * compressed and raw-stored chunks and a short last chunk.
 */
class InlineChunkReadTest {
    @TempDir
    Path dir;

    @Test
    void wholeChunkReadsAtAnyOffsetGiveTheBlob() throws IOException {
        Random r = new Random(7);
        byte[] data = new byte[5 * 32768 + 1234];
        for (int i = 0; i < data.length; i++) {
            // chunk 2 is random (stored raw), the others compress
            boolean noise = i / 32768 == 2 || r.nextInt(40) == 0;
            data[i] = (byte) (noise ? r.nextInt() : 'a' + i % 23);
        }
        for (CompressionType type : new CompressionType[] {CompressionType.XPRESS, CompressionType.LZX}) {
            Path wim = dir.resolve(type + ".wim");
            try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(type))) {
                ImageTree t = ImageTree.empty();
                Inode in = new Inode(Inode.ATTR_NORMAL);
                in.addStream(StreamRef.fromSource(StreamKind.DATA, "", new MemorySource(data)));
                t.root().add(new Dentry("f", in));
                w.addImage(t, ImageInfo.of("x", ""));
                w.commit();
            }
            try (WimFile f = WimFile.open(wim); FileChannel ch = FileChannel.open(wim)) {
                BlobInfo b = f.blobs().stream().filter(x -> !x.metadata()).findFirst().orElseThrow();
                ResourceHeader res = new ResourceHeader(b.storedSize(), b.flags(), b.offset(), b.size());
                ResourceReader reader = new ResourceReader(ch, ch.size(), type, f.chunkSize());
                reader.decodeThreads(1);
                // first a partial read (through the chunk buffer), then reads of varying sizes
                // at odd offsets, some a whole chunk or more
                int[] sizes = {100, 32668, 40000, 32768, 70000, 5000, 100000};
                byte[] got = new byte[data.length + 3];
                try (InputStream s = reader.open(res, "f")) {
                    int off = 3;
                    for (int i = 0; off < got.length; i++) {
                        int n = s.read(got, off, Math.min(sizes[i % sizes.length], got.length - off));
                        off += n;
                    }
                    assertEquals(-1, s.read(got, 0, 1));
                }
                byte[] tail = new byte[data.length];
                System.arraycopy(got, 3, tail, 0, data.length);
                assertArrayEquals(data, tail, type.toString());
                try (InputStream s = reader.open(res, "f")) {
                    assertArrayEquals(data, s.readAllBytes(), type + " readAllBytes");
                }
            }
        }
    }
}
