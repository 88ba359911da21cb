package org.jwim.wim;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
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
            boolean sameFormat, CopyBehind copies, Ahead ahead) throws IOException {
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
        long copied = toCopy.size();
        if (ahead != null) {
            toCopy = ahead.settle(src, toCopy, blobs, writer, copies);
        }
        long[] at = place(src, toCopy, writer, copies);
        copies.start();
        adopt(toCopy, at, blobs);
        return new WimWriter.ExportCounts(copied, recompressed, there);
    }

    /**
     * Starts copying, as stored, the blobs streams under {@code root} name (null: every blob
     * of {@code src}) that {@code src} holds on their own (no solid resource) and {@code blobs}
     * lacks, to the next places of {@code writer}, before {@link #prepare} knows which of them
     * it takes: an incremental capture's reference image, while the volume is still being scanned.
     */
    static Ahead copyAhead(WimFile src, Dentry root, BlobStore blobs, ResourceWriter writer, CopyBehind copies)
            throws IOException {
        Set<Sha1> seen = new HashSet<>();
        List<BlobLocation> locs = new ArrayList<>();
        if (root == null) {
            for (BlobLocation loc : src.blobLocations().values()) {
                if (loc.solid() == null && !blobs.has(loc.entry().hash())) {
                    locs.add(loc);
                }
            }
        }
        for (Inode in : root == null ? List.<Inode>of() : root.inodes()) {
            for (StreamRef s : in.streams()) {
                addCopyable(src, s.hash(), seen, blobs, locs);
            }
        }
        Ahead a = new Ahead(src, writer.position(), false);
        a.add(locs, writer, copies);
        return a;
    }

    /**
     * Starts copying, as stored, the blobs of {@code src} named by {@code hashes} that it holds
     * on their own and that neither {@code blobs} nor {@code ahead} (null: none yet) has, after
     * those {@code ahead} copies: a batch of an incremental capture's files found unchanged while
     * the volume is still being scanned. Returns the copy ahead, {@code ahead} unless null; an
     * {@code ahead} of the whole image ({@link #copyAhead(WimFile, Dentry, BlobStore,
     * ResourceWriter, CopyBehind)}) or of another WIM is returned untouched.
     */
    static Ahead copyAhead(WimFile src, Collection<Sha1> hashes, Ahead ahead, BlobStore blobs, ResourceWriter writer,
            CopyBehind copies) throws IOException {
        Ahead a = ahead == null ? new Ahead(src, writer.position(), true) : ahead;
        if (!a.batches || a.src != src) {
            return a;
        }
        List<BlobLocation> batch = new ArrayList<>();
        for (Sha1 h : hashes) {
            addCopyable(src, h, a.seen, blobs, batch);
        }
        a.add(batch, writer, copies);
        return a;
    }

    /**
     * Adds to {@code out} where {@code src} holds blob {@code h} if it can be copied ahead: a
     * blob (not an empty stream) not yet {@code seen}, not in {@code blobs}, stored on its own.
     */
    private static void addCopyable(WimFile src, Sha1 h, Set<Sha1> seen, BlobStore blobs, List<BlobLocation> out) {
        if (h != null && !h.isZero() && seen.add(h) && !blobs.has(h)) {
            BlobLocation loc = src.location(h);
            if (loc != null && loc.solid() == null) {
                out.add(loc);
            }
        }
    }

    /**
     * Blobs being copied ahead ({@link #copyAhead}) from {@code start} of the output on, back to
     * back in the order of {@code locs} (file order within each batch), the k-th to {@code at[k]},
     * up to {@code end}.
     */
    static final class Ahead {
        private final WimFile src;
        /** Whether more batches may follow ({@code copyAhead} by hashes). */
        private final boolean batches;
        private final Set<Sha1> seen = new HashSet<>();
        private final List<BlobLocation> locs = new ArrayList<>();
        private long[] at = new long[0];
        private long end;

        private Ahead(WimFile src, long start, boolean batches) {
            this.src = src;
            this.end = start;
            this.batches = batches;
        }

        private void add(List<BlobLocation> batch, ResourceWriter writer, CopyBehind copies) throws IOException {
            if (batch.isEmpty()) {
                return;
            }
            batch.sort(FILE_ORDER);
            long[] placed = place(src, batch, writer, copies);
            copies.start();
            at = Arrays.copyOf(at, locs.size() + placed.length);
            System.arraycopy(placed, 0, at, locs.size(), placed.length);
            locs.addAll(batch);
            end = writer.position();
        }

        /**
         * Keeps the blobs copied ahead, in the order copied, up to the first that {@code toCopy}
         * (sorted, from {@code src}) lacks, adopted at their places; stops the copy there and
         * gives the rest of the range back to {@code writer}, so the WIM has no gap. Returns the
         * blobs of {@code toCopy} still to be copied, in file order.
         */
        List<BlobLocation> settle(WimFile from, List<BlobLocation> toCopy, BlobStore blobs, ResourceWriter writer,
                CopyBehind copies) throws IOException {
            int kept = 0;
            List<BlobLocation> rest = toCopy;
            if (from == src) {
                // a copy of the whole image is in file order, as toCopy: the common prefix, no
                // hashing (this runs on the critical path of a cold run, mostly interpreted)
                int n = Math.min(locs.size(), toCopy.size());
                while (kept < n && locs.get(kept) == toCopy.get(kept)) {
                    kept++;
                }
                rest = toCopy.subList(kept, toCopy.size());
                if (kept < locs.size() && !rest.isEmpty()) {
                    // copied in batches: each taken, in the order copied, up to the first not taken
                    Set<BlobLocation> wanted = Collections.newSetFromMap(new IdentityHashMap<>());
                    wanted.addAll(rest);
                    int k = kept;
                    while (k < locs.size() && wanted.remove(locs.get(k))) {
                        k++;
                    }
                    if (k > kept) {
                        List<BlobLocation> left = new ArrayList<>(wanted.size());
                        for (BlobLocation loc : rest) {
                            if (wanted.contains(loc)) {
                                left.add(loc);
                            }
                        }
                        rest = left;
                        kept = k;
                    }
                }
            }
            long limit = kept < locs.size() ? at[kept] : end;
            if (limit < end) {
                copies.cut(limit);
                writer.unreserve(limit, end);
            }
            adopt(locs.subList(0, kept), at, blobs);
            return rest;
        }
    }

    /**
     * Reserves places in {@code writer} for {@code locs} (sorted) and queues their copies on
     * {@code copies}: resources stored back to back in the source are copied by one transferTo.
     * Returns each one's new offset.
     */
    private static long[] place(WimFile src, List<BlobLocation> locs, ResourceWriter writer, CopyBehind copies)
            throws IOException {
        long[] at = new long[locs.size()];
        for (int i = 0, j; i < locs.size(); i = j) {
            FileChannel ch = src.channelOf(locs.get(i));
            long start = locs.get(i).entry().resource().offset();
            long end = locs.get(i).entry().resource().end();
            for (j = i + 1; j < locs.size() && src.channelOf(locs.get(j)) == ch
                    && locs.get(j).entry().resource().offset() == end; j++) {
                end = locs.get(j).entry().resource().end();
            }
            long base = writer.reserve(end - start);
            copies.add(ch, start, end - start, base);
            for (int k = i; k < j; k++) {
                at[k] = base + (locs.get(k).entry().resource().offset() - start);
            }
        }
        return at;
    }

    /** Adds {@code locs}, copied as stored to {@code at} (index for index), to the blobs written. */
    private static void adopt(List<BlobLocation> locs, long[] at, BlobStore blobs) {
        for (int k = 0; k < locs.size(); k++) {
            ResourceHeader r = locs.get(k).entry().resource();
            var res = new ResourceHeader(r.sizeInWim(), r.flags(), at[k], r.uncompressedSize());
            blobs.adopt(new BlobTableEntry(res, 1, 0, locs.get(k).entry().hash()), false);
        }
    }
}
