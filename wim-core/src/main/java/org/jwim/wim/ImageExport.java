package org.jwim.wim;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.blob.WimResourceSource;
import org.jwim.wim.format.BlobTableEntry;
import org.jwim.wim.format.ResourceHeader;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.StreamRef;
import org.jwim.wim.read.BlobLocation;
import org.jwim.wim.write.BlobStore;
import org.jwim.wim.write.CopyBehind;
import org.jwim.wim.write.ResourceWriter;

/**
 * Prepares an image read from one WIM for writing into another: blobs the destination has are
 * left alone; a blob stored on its own with the destination's compression and chunk size is
 * copied as stored (no decompression); every other blob becomes a source read from the
 * source WIM, to be recompressed by the writer's pipeline.
 */
final class ImageExport {
    private ImageExport() {
    }

    /**
     * Part, then offset. One compare method rather than comparingInt(..).thenComparingLong(..),
     * whose four lambdas each comparison runs through took over a quarter of this method in a cold run.
     */
    private static final Comparator<BlobLocation> FILE_ORDER = new Comparator<>() {
        @Override
        public int compare(BlobLocation a, BlobLocation b) {
            int c = Integer.compare(a.entry().partNumber(), b.entry().partNumber());
            return c != 0 ? c : Long.compare(a.entry().resource().offset(), b.entry().resource().offset());
        }
    };

    /**
     * @param sameFormat whether blobs stored on their own may be copied as stored
     * @param copies copies the blobs taken as stored (started here; their places reserved in {@code writer})
     */
    static WimWriter.ExportCounts prepare(WimFile src, Dentry root, BlobStore blobs, ResourceWriter writer,
            boolean sameFormat, CopyBehind copies) throws IOException {
        ToLongFunction<Sha1> order = null; // built when a blob is recompressed
        Map<Sha1, StreamRef> sourced = new HashMap<>();
        Set<Sha1> seen = new HashSet<>();
        List<BlobLocation> toCopy = new ArrayList<>();
        long recompressed = 0;
        long there = 0;
        for (Inode in : root.inodes()) {
            List<StreamRef> streams = in.streams();
            for (int i = 0; i < streams.size(); i++) {
                StreamRef s = streams.get(i);
                Sha1 h = s.hash();
                if (h == null || h.isZero()) {
                    continue;
                }
                StreamRef twin = sourced.get(h);
                if (twin != null) {
                    // the pipeline joins equal hashes of WimResourceSources without reading twice
                    streams.set(i, StreamRef.fromSource(s.kind(), s.name(), twin.source()));
                    continue;
                }
                if (!seen.add(h)) {
                    continue;
                }
                if (blobs.has(h)) {
                    there++;
                    continue;
                }
                BlobLocation loc = src.location(h);
                if (loc == null) {
                    throw new WimException("blob " + h + " of " + in.dentries().get(0).path()
                            + " is not in " + src.path() + " (a part of a split WIM missing?)");
                }
                if (sameFormat && loc.solid() == null) {
                    toCopy.add(loc);
                } else {
                    if (order == null) {
                        order = src.readOrder();
                    }
                    StreamRef r = StreamRef.fromSource(s.kind(), s.name(),
                            new WimResourceSource(loc.size(), order.applyAsLong(h), h, () -> src.openBlob(h)));
                    streams.set(i, r);
                    sourced.put(h, r);
                    recompressed++;
                }
            }
        }
        // file order (resources of their own: part, then offset), without readOrder's rank map
        toCopy.sort(FILE_ORDER);
        // resources stored back to back in the source are copied by one transferTo, on copies' thread
        long[] at = new long[toCopy.size()];
        for (int i = 0, j; i < toCopy.size(); i = j) {
            FileChannel ch = src.channelOf(toCopy.get(i));
            long start = toCopy.get(i).entry().resource().offset();
            long end = toCopy.get(i).entry().resource().end();
            for (j = i + 1; j < toCopy.size() && src.channelOf(toCopy.get(j)) == ch
                    && toCopy.get(j).entry().resource().offset() == end; j++) {
                end = toCopy.get(j).entry().resource().end();
            }
            long base = writer.reserve(end - start);
            copies.add(ch, start, end - start, base);
            for (int k = i; k < j; k++) {
                at[k] = base + (toCopy.get(k).entry().resource().offset() - start);
            }
        }
        copies.start();
        for (int k = 0; k < toCopy.size(); k++) {
            ResourceHeader r = toCopy.get(k).entry().resource();
            var res = new ResourceHeader(r.sizeInWim(), r.flags(), at[k], r.uncompressedSize());
            blobs.adopt(new BlobTableEntry(res, 1, 0, toCopy.get(k).entry().hash()), false);
        }
        return new WimWriter.ExportCounts(toCopy.size(), recompressed, there);
    }
}
