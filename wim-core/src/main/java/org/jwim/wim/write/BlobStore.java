package org.jwim.wim.write;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jwim.wim.CancelledException;
import org.jwim.wim.CompressionType;
import org.jwim.wim.compress.Codecs;
import org.jwim.wim.ProgressEvent;
import org.jwim.wim.ProgressListener;
import org.jwim.wim.SourceChangedException;
import org.jwim.wim.WimException;
import org.jwim.wim.blob.BlobSource;
import org.jwim.wim.blob.MemorySource;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.blob.WimResourceSource;
import org.jwim.wim.format.BlobTableEntry;
import org.jwim.wim.format.ResourceHeader;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.StreamKind;
import org.jwim.wim.model.StreamRef;

/**
 * Single-instance storage for one WIM being written: every blob is stored once across all
 * images. Streams whose size no other blob has are hashed while they are written (one read);
 * only streams that share a size with another blob are hashed ahead ({@link AheadHasher}, on
 * the pipeline's thread count) to find duplicates.
 * Not thread-safe.
 */
public final class BlobStore {
    private final ResourceWriter writer;
    private final CompressionType type;
    private final int level;
    /** In the order written, so {@link #entries}' sort by offset has little to do. */
    private final Map<Sha1, BlobTableEntry> stored = new LinkedHashMap<>();
    private final Set<Sha1> inSolid = new HashSet<>();
    private final Set<Sha1> external = new HashSet<>();
    private final Map<Long, Integer> knownSizes = new HashMap<>();
    private final Map<Sha1, Long> refs = new HashMap<>();

    public BlobStore(ResourceWriter writer, CompressionType type) {
        this(writer, type, Codecs.DEFAULT_LEVEL);
    }

    /** @param level the compression level of the pipeline's compressors (see {@link Codecs}) */
    public BlobStore(ResourceWriter writer, CompressionType type, int level) {
        this.writer = writer;
        this.type = type;
        this.level = level;
    }

    /** Registers a blob already in the WIM being appended to. */
    public void adopt(BlobTableEntry entry, boolean solid) {
        if (solid) {
            inSolid.add(entry.hash());
            knownSizes.merge(entry.resource().sizeInWim(), 1, Integer::sum);
        } else {
            stored.put(entry.hash(), entry);
            knownSizes.merge(entry.resource().uncompressedSize(), 1, Integer::sum);
        }
    }

    /**
     * Registers a blob of a base WIM this one is a delta of ({@code --delta-from}): streams with
     * it name it, but it is neither written nor listed in this WIM's blob table.
     */
    public void external(Sha1 hash, long size) {
        if (external.add(hash)) {
            knownSizes.merge(size, 1, Integer::sum);
        }
    }

    /** True if the WIM being written already holds this blob, or its base WIM does. */
    public boolean has(Sha1 hash) {
        return stored.containsKey(hash) || inSolid.contains(hash) || external.contains(hash);
    }

    /**
     * Stores the blobs of every stream under {@code root} that is not stored yet, reading the
     * sources once in physical order through a chunk pipeline of {@code threads} compressors.
     */
    public void store(Dentry root, int image, int threads, ProgressListener progress)
            throws IOException {
        store(List.of(root), image, threads, progress);
    }

    /**
     * Stores the blobs of several images ({@code roots}, numbered from {@code firstImage}) in one
     * pipeline, each image's sources read by a reader of its own in physical order, the writer
     * taking their blobs interleaved (see {@link ChunkStream#laneOrder}). A blob under several
     * roots is stored once, with the first root that has it. One root: as image by image.
     * Progress events carry {@code firstImage} and the totals of all roots.
     */
    public void store(List<Dentry> roots, int firstImage, int threads, ProgressListener progress)
            throws IOException {
        List<List<Pending>> pendingByRoot = new ArrayList<>();
        for (Dentry root : roots) {
            List<Pending> pending = pending(root);
            for (Pending p : pending) {
                knownSizes.merge(p.stream.size(), 1, Integer::sum);
            }
            pending.sort(BY_KEY);
            pendingByRoot.add(pending);
        }
        // once every pending size is counted: a stream may be a duplicate only if its size is
        // another blob's too (known, or pending under any root)
        for (List<Pending> pending : pendingByRoot) {
            for (Pending p : pending) {
                p.shared = knownSizes.get(p.stream.size()) > 1;
            }
        }
        List<List<BlobJob>> lanes = plan(pendingByRoot, threads, progress);
        long total = 0;
        long count = 0;
        for (List<BlobJob> lane : lanes) {
            for (BlobJob j : lane) {
                total += j.size();
            }
            count += lane.size();
        }
        progress.onEvent(new ProgressEvent.WriteStarted(firstImage, count, total));
        try (ChunkStream stream = ChunkStream.ofLanes(lanes, writer.compresses() ? type : CompressionType.NONE,
                writer.chunkSize(), level, threads)) {
            consume(stream, firstImage, count, total, progress);
        }
    }

    /** A stream that needs a blob stored, its file, and its read position (read once). */
    private static final class Pending {
        final StreamRef stream;
        final Inode owner;
        final long key;
        /** Another blob has its size: it is hashed ahead to find whether it is a duplicate. */
        boolean shared;

        Pending(StreamRef stream, Inode owner) {
            this.stream = stream;
            this.owner = owner;
            this.key = stream.source().sortKey();
        }
    }

    /** Physical order; a class comparing a field, not a lambda calling each source's sortKey. */
    private static final Comparator<Pending> BY_KEY = new Comparator<>() {
        @Override
        public int compare(Pending a, Pending b) {
            return Long.compare(a.key, b.key);
        }
    };

    /** The streams under {@code root} that need a blob stored, each with its inode. */
    private List<Pending> pending(Dentry root) throws IOException {
        List<Pending> pending = new ArrayList<>();
        for (Inode in : root.inodes()) {
            for (StreamRef s : in.streams()) {
                // a stream written before (by another writer) is read again from its source
                if (s.hash() == null || (s.source() != null && !s.hash().isZero() && !has(s.hash()))) {
                    pending.add(new Pending(s, in));
                } else if (!s.hash().isZero() && !has(s.hash())) {
                    throw new WimException("blob " + s.hash() + " of " + in.dentries().get(0).path()
                            + " is neither in the WIM nor given with a source");
                }
            }
        }
        return pending;
    }

    /**
     * Writes an image's metadata resource (not a blob of the table) through the chunk pipeline,
     * so that its chunks are compressed on {@code threads} threads, as the blobs are.
     */
    public ResourceWriter.Written storeMetadata(byte[] meta, int threads, String label) throws IOException {
        BlobJob job = new BlobJob(StreamRef.fromSource(StreamKind.DATA, "", new MemorySource(meta)), label);
        ResourceWriter.Written w = null;
        try (ChunkStream stream = ChunkStream.of(List.of(job), writer.compresses() ? type : CompressionType.NONE,
                writer.chunkSize(), level, threads)) {
            for (ChunkItem item; (item = stream.next()) != null;) {
                if (item instanceof ChunkItem.Begin) {
                    writer.begin(meta.length);
                } else if (item instanceof ChunkItem.Chunk c) {
                    writeChunk(stream, c.slot());
                } else if (item instanceof ChunkItem.End e) {
                    w = writer.finish(e.hash(), ResourceHeader.FLAG_METADATA);
                    if (w == null) {
                        w = writer.writeRaw(job.source::open, meta.length, ResourceHeader.FLAG_METADATA, label);
                    }
                }
            }
        }
        return w;
    }

    /**
     * Decides which streams need a blob of their own: a stream whose size no other blob shares
     * cannot be a duplicate; the others are hashed ahead and joined to an equal blob. One list
     * of jobs per list of streams.
     */
    private List<List<BlobJob>> plan(List<List<Pending>> pendingByRoot, int threads,
            ProgressListener progress) throws IOException {
        List<BlobSource> candidates = new ArrayList<>();
        for (List<Pending> pending : pendingByRoot) {
            for (Pending p : pending) {
                if (p.shared && knownHash(p.stream.source()) == null) {
                    candidates.add(p.stream.source());
                }
            }
        }
        Map<Sha1, BlobJob> planned = new HashMap<>();
        List<List<BlobJob>> lanes = new ArrayList<>();
        try (AheadHasher hasher = new AheadHasher(candidates, threads)) {
            for (List<Pending> pending : pendingByRoot) {
                lanes.add(plan(pending, hasher, planned, progress));
            }
        }
        return lanes;
    }

    /** The hash a source already knows (a blob copied from a WIM), or null when it must be hashed. */
    private static Sha1 knownHash(BlobSource source) {
        return source instanceof WimResourceSource w ? w.hash() : null;
    }

    private List<BlobJob> plan(List<Pending> pending, AheadHasher hasher, Map<Sha1, BlobJob> planned,
            ProgressListener progress) throws IOException {
        List<BlobJob> jobs = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            if (progress.cancelled()) {
                throw new CancelledException("capture cancelled while looking for duplicates");
            }
            StreamRef s = p.stream;
            if (p.shared) {
                Sha1 h = knownHash(s.source());
                if (h == null) {
                    h = hasher.next();
                }
                if (has(h)) {
                    s.resolve(s.size(), h);
                    continue;
                }
                BlobJob twin = planned.get(h);
                if (twin != null) {
                    twin.streams.add(s);
                    continue;
                }
                BlobJob job = new BlobJob(s, p.owner);
                planned.put(h, job);
                jobs.add(job);
            } else {
                jobs.add(new BlobJob(s, p.owner));
            }
        }
        return jobs;
    }

    private void consume(ChunkStream stream, int image, long blobsTotal, long bytesTotal,
            ProgressListener progress) throws IOException {
        long bytesDone = 0;
        long blobsDone = 0;
        long reported = 0;
        BlobJob current = null;
        for (ChunkItem item; (item = stream.next()) != null;) {
            if (progress.cancelled()) {
                throw new CancelledException("capture cancelled");
            }
            if (item instanceof ChunkItem.Begin b) {
                writer.begin(b.job().size());
                current = b.job();
            } else if (item instanceof ChunkItem.Chunk c) {
                bytesDone += c.slot().length;
                writeChunk(stream, c.slot());
                if (bytesDone - reported >= (8 << 20)) {
                    reported = bytesDone;
                    progress.onEvent(new ProgressEvent.WriteProgress(image, bytesDone, bytesTotal,
                            blobsDone, blobsTotal, current.label()));
                }
            } else if (item instanceof ChunkItem.End e) {
                finish(e.job(), e.hash());
                blobsDone++;
            }
        }
        progress.onEvent(new ProgressEvent.WriteProgress(image, bytesDone, bytesTotal, blobsDone,
                blobsTotal, null));
    }

    /** Writes a chunk as compressed, or raw where compression did not pay, and frees its slot. */
    private void writeChunk(ChunkStream stream, ChunkSlot slot) throws IOException {
        boolean raw = slot.outLength == 0;
        if (raw) {
            writer.chunk(slot.in, slot.offset, slot.length, true);
        } else {
            writer.chunk(slot.out, 0, slot.outLength, false);
        }
        stream.release(slot);
    }

    private void finish(BlobJob job, Sha1 hash) throws IOException {
        ResourceWriter.Written w = writer.finish(hash, 0);
        if (w == null) {
            w = writer.writeRaw(job.source::open, job.size(), 0, job.label());
            if (!w.hash().equals(hash)) {
                throw new SourceChangedException(job.label() + " changed while it was captured");
            }
        }
        if (has(hash)) {
            // Two jobs with unequal sizes cannot be equal; an equal hash means the source changed.
            throw new SourceChangedException(job.label() + " changed while it was captured");
        }
        stored.put(hash, new BlobTableEntry(w.resource(), 1, 0, hash));
        for (StreamRef s : job.streams) {
            s.resolve(job.size(), hash);
        }
    }

    /** Adds the references of every stream under {@code root}: one per link of its inode. */
    public void countReferences(Dentry root) {
        for (Inode in : root.inodes()) {
            long links = in.dentries().size();
            for (StreamRef s : in.streams()) {
                if (s.hash() != null && !s.hash().isZero()) {
                    refs.merge(s.hash(), links, Long::sum);
                }
            }
        }
    }

    /** Takes back the references {@link #countReferences} added for {@code root}. */
    public void removeReferences(Dentry root) {
        for (Inode in : root.inodes()) {
            long links = in.dentries().size();
            for (StreamRef s : in.streams()) {
                if (s.hash() != null && !s.hash().isZero()) {
                    refs.computeIfPresent(s.hash(), (h, n) -> n > links ? n - links : null);
                }
            }
        }
    }

    /** Non-solid blob entries that something references, sorted by offset, with reference counts. */
    public List<BlobTableEntry> entries() {
        List<BlobTableEntry> list = new ArrayList<>();
        for (BlobTableEntry e : stored.values()) {
            long n = refs.getOrDefault(e.hash(), 0L);
            if (n > 0) {
                list.add(e.withRefCount(n));
            }
        }
        list.sort(BY_OFFSET);
        return list;
    }

    /** A class, not comparingLong's two lambdas a comparison, for the cold run of an incremental capture. */
    private static final Comparator<BlobTableEntry> BY_OFFSET = new Comparator<>() {
        @Override
        public int compare(BlobTableEntry a, BlobTableEntry b) {
            return Long.compare(a.resource().offset(), b.resource().offset());
        }
    };

    /** Reference counts by blob. */
    public Map<Sha1, Long> references() {
        return Collections.unmodifiableMap(refs);
    }
}
