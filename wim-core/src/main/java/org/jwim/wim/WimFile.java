package org.jwim.wim;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jwim.common.Warning;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.format.BlobTableEntry;
import org.jwim.wim.format.IntegrityTable;
import org.jwim.wim.format.ResourceHeader;
import org.jwim.wim.format.WimHeader;
import org.jwim.wim.format.XmlData;
import org.jwim.wim.internal.Limits;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.StreamRef;
import org.jwim.wim.read.BlobLocation;
import org.jwim.wim.read.BlobTable;
import org.jwim.wim.read.MetadataReader;
import org.jwim.wim.read.ResourceReader;
import org.jwim.wim.read.VerifyingInputStream;
import org.jwim.wim.read.WimPart;

/**
 * A WIM file opened for reading. Opening validates the header, the blob table and the XML
 * data; images are parsed on demand. Instances are thread-safe for reading.
 */
public final class WimFile implements Closeable {
    private static final System.Logger LOG = System.getLogger(WimFile.class.getName());

    private final Path path;
    /** The files of the WIM: element i is part i+1 (one element unless split and all opened). */
    private final WimPart[] parts;
    private final long fileSize;
    private final WimHeader header;
    private final CompressionType compression;
    private final ResourceReader reader;
    private final BlobTable blobTable;
    private final XmlData xml;
    private static final Comparator<BlobLocation> READ_ORDER = Comparator
            .comparingInt((BlobLocation l) -> l.entry().partNumber())
            .thenComparingLong(BlobLocation::fileOrder)
            .thenComparingLong(BlobLocation::offsetInSolid);
    private final List<Warning> warnings = Collections.synchronizedList(new ArrayList<>());
    /** Blob hash -> position in a front-to-back read; built on first use (racing builds agree). */
    private volatile Map<Sha1, Long> readRank;

    private WimFile(WimPart first, List<Path> refs, boolean allParts) throws IOException {
        this.path = first.path();
        this.fileSize = first.fileSize();
        this.header = first.header();
        this.compression = first.compression();
        this.reader = first.reader();
        if ((header.flags() & WimHeader.FLAG_WRITE_IN_PROGRESS) != 0) {
            warn(Warning.of(Warning.Kind.DAMAGED,
                    "the WIM header says a write was in progress; the file may be incomplete"));
        }
        if (allParts && header.totalParts() > 1) {
            if (header.partNumber() != 1) {
                throw new UnsupportedWimException(path + " is part " + header.partNumber() + " of a "
                        + header.totalParts() + "-part split WIM; name part 1 instead");
            }
            this.parts = SplitParts.open(first, refs);
        } else {
            this.parts = withBases(first, refs);
        }
        if (header.blobTable().isEmpty() && header.imageCount() > 0 && header.totalParts() == 1) {
            throw new WimFormatException(0x30, "the WIM has " + header.imageCount()
                    + " images but no blob table");
        }
        List<BlobTable> tables = new ArrayList<>();
        for (WimPart p : parts) {
            tables.add(p.readBlobTable(m -> warn(m.in(p.path().getFileName().toString()))));
        }
        this.blobTable = parts.length == 1 ? tables.get(0)
                : header.totalParts() > 1 ? BlobTable.merge(tables, this::warn)
                : tables.get(0).withReferences(tables.subList(1, tables.size()));
        if (header.xml().isEmpty()) {
            throw new WimFormatException(0x48, "the WIM has no XML data");
        }
        this.xml = XmlData.parse(first.readFully(header.xml(), "XML data"), header.xml().offset());
        xml.checkImages(header.imageCount(), header.xml().offset());
        if (header.partNumber() == 1 && blobTable.metadata().size() < header.imageCount()) {
            throw new WimFormatException(header.blobTable().offset(), "the header says "
                    + header.imageCount() + " images but the blob table has "
                    + blobTable.metadata().size() + " metadata entries");
        }
    }

    /**
     * A whole WIM and the whole WIMs its blobs may be in ({@code --ref=BASE.wim}, as wimlib reads
     * a delta WIM made with {@code --delta-from}); parts of split WIMs are refused.
     */
    private static WimPart[] withBases(WimPart first, List<Path> refs) throws IOException {
        List<WimPart> list = new ArrayList<>(List.of(first));
        try {
            for (Path r : refs) {
                if (sameFile(r, first.path()) || list.stream().anyMatch(p -> sameFile(r, p.path()))) {
                    continue;
                }
                WimPart base = WimPart.open(r);
                list.add(base);
                if (base.header().totalParts() != 1) {
                    throw new UnsupportedWimException(r + ": --ref names a part of a split WIM, but "
                            + first.path() + " is not split (a delta's base must be a whole WIM)");
                }
            }
        } catch (IOException | RuntimeException e) {
            for (WimPart p : list.subList(1, list.size())) {
                p.close();
            }
            throw e;
        }
        return list.toArray(new WimPart[0]);
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Opens {@code path} read-only. A part of a split WIM is opened alone: its header and XML
     * (every part has them) and, for part 1, the images' metadata; blobs of other parts are
     * missing. Use {@link #open(Path, List)} to read a split WIM whole.
     */
    public static WimFile open(Path path) throws IOException {
        return open(path, false, List.of());
    }

    /**
     * Opens a WIM read-only; if it is part 1 of a split WIM, with all its parts: {@code refs}
     * (for example from {@link SplitParts#glob}), or when empty the files named as
     * {@link SplitParts#partName} beside it.
     *
     * @throws WimException if a part is missing, foreign or doubled (naming the file)
     */
    public static WimFile open(Path path, List<Path> refs) throws IOException {
        return open(path, true, refs);
    }

    private static WimFile open(Path path, boolean allParts, List<Path> refs) throws IOException {
        WimPart first = WimPart.open(path);
        try {
            return new WimFile(first, refs, allParts);
        } catch (IOException | RuntimeException e) {
            first.close();
            throw e;
        }
    }

    private void warn(Warning message) {
        warnings.add(message);
        LOG.log(System.Logger.Level.DEBUG, () -> path + ": " + message);
    }

    public Path path() {
        return path;
    }

    public int imageCount() {
        return (int) header.imageCount();
    }

    public CompressionType compression() {
        return compression;
    }

    /** Chunk size of non-solid compressed resources in bytes (0 when uncompressed). */
    public int chunkSize() {
        return (int) header.chunkSize();
    }

    public int bootIndex() {
        return header.bootIndex() > header.imageCount() ? 0 : (int) header.bootIndex();
    }

    /** True if the header says reparse-point targets were fixed up at capture. */
    public boolean rpFix() {
        return (header.flags() & WimHeader.FLAG_RP_FIX) != 0;
    }

    public WimHeaderInfo header() {
        return new WimHeaderInfo(header.version(), header.flags(), header.chunkSize(),
                header.guidHex(), header.partNumber(), header.totalParts(), header.imageCount(),
                header.bootIndex(), header.blobTable().offset(), header.blobTable().sizeInWim(),
                header.xml().offset(), header.xml().sizeInWim(), header.bootMetadata().offset(),
                header.bootMetadata().sizeInWim(), header.integrity().offset(),
                header.integrity().sizeInWim());
    }

    public boolean hasIntegrityTable() {
        return !header.integrity().isEmpty();
    }

    public List<ImageSummary> images() {
        List<ImageSummary> list = new ArrayList<>();
        for (int i = 1; i <= imageCount(); i++) {
            list.add(xml.summary(i));
        }
        return list;
    }

    /** The raw XML text (without BOM). */
    public String xml() {
        return xml.text();
    }

    /** Non-fatal problems found while reading, in order. */
    public List<Warning> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    /** Reads and validates image {@code index} (1-based). */
    public ImageTree readImage(int index) throws IOException {
        return readImage(index, readMetadata(index));
    }

    /**
     * The uncompressed metadata resource of image {@code index} (1-based), its SHA-1 checked:
     * what {@link #readImage(int, byte[])} decodes, and what {@link WimWriter#useMetadataOf}
     * compares a new image's metadata with.
     */
    public byte[] readMetadata(int index) throws IOException {
        return readMetadata(index, metadataEntry(index));
    }

    /** Decodes image {@code index} from its metadata as {@link #readMetadata(int)} returned it. */
    public ImageTree readImage(int index, byte[] meta) throws IOException {
        BlobTableEntry e = metadataEntry(index);
        try {
            return MetadataReader.read(meta, blobTable, this::warn);
        } catch (WimFormatException ex) {
            throw new WimFormatException(e.resource().offset(), "metadata of image " + index
                    + " is malformed: " + ex.getMessage() + " (offset relative to the metadata)");
        }
    }

    /** The blob-table entry of image {@code index}'s metadata resource (in part 1). */
    BlobTableEntry metadataEntry(int index) throws WimException {
        if (index < 1 || index > imageCount()) {
            throw new IllegalArgumentException("image " + index + " does not exist (the WIM has "
                    + imageCount() + " images)");
        }
        if (header.partNumber() != 1) {
            throw new UnsupportedWimException(path + " is part " + header.partNumber()
                    + " of a split WIM; image metadata is in part 1");
        }
        return blobTable.metadata().get(index - 1);
    }

    /** The file holding the metadata resources (part 1). */
    FileChannel metadataChannel() {
        return parts[0].channel();
    }

    private byte[] readMetadata(int index, BlobTableEntry e) throws IOException {
        long limit = fileSize > Limits.MAX_IN_MEMORY_RESOURCE / Limits.METADATA_EXPANSION
                ? Limits.MAX_IN_MEMORY_RESOURCE : fileSize * Limits.METADATA_EXPANSION;
        parts[0].hint(e.resource());
        byte[] meta = reader.readFully(e.resource(), limit, "metadata of image " + index);
        Sha1 actual = Sha1.digest(meta);
        if (!actual.equals(e.hash())) {
            throw new WimFormatException(e.resource().offset(), "metadata of image " + index
                    + " has SHA-1 " + actual + ", expected " + e.hash());
        }
        return meta;
    }

    /** True if the WIM stores a blob with this hash. */
    public boolean hasBlob(Sha1 hash) {
        return hash.isZero() || blobTable.find(hash) != null;
    }

    /**
     * Opens the uncompressed bytes of a blob. The stream checks size and SHA-1 at its end and
     * throws {@link WimFormatException} there on a mismatch.
     */
    public InputStream openBlob(Sha1 hash) throws IOException {
        if (hash.isZero()) {
            return InputStream.nullInputStream();
        }
        BlobLocation loc = blobTable.find(hash);
        if (loc == null) {
            throw new WimFormatException(-1, "blob " + hash + " is not in the WIM");
        }
        return new VerifyingInputStream(openUnchecked(loc), hash, loc.size(), loc.fileOrder());
    }

    /**
     * Announces the blobs an apply will open, in its order, so that a WIM on a server is fetched
     * ahead in few large requests ({@link ReadHints}); does nothing for a local file.
     */
    public void planReads(Iterable<Sha1> order) {
        List<List<ResourceHeader>> byPart = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            byPart.add(new ArrayList<>());
        }
        for (Sha1 hash : order) {
            BlobLocation loc = hash.isZero() ? null : blobTable.find(hash);
            if (loc != null) {
                ResourceHeader res = loc.solid() != null ? loc.solid().resource() : loc.entry().resource();
                if (!res.isEmpty()) {
                    byPart.get(parts.length == 1 ? 0 : loc.entry().partNumber() - 1).add(res);
                }
            }
        }
        for (int i = 0; i < parts.length; i++) {
            parts[i].hintAll(byPart.get(i));
        }
    }

    private InputStream openUnchecked(BlobLocation loc) throws IOException {
        partOf(loc).hint(loc.solid() != null ? loc.solid().resource() : loc.entry().resource());
        if (loc.solid() != null) {
            return loc.solid().open(loc.offsetInSolid(), loc.size());
        }
        return partOf(loc).reader().open(loc.entry().resource(), "blob " + loc.entry().hash());
    }

    private WimPart partOf(BlobLocation loc) {
        return parts.length == 1 ? parts[0] : parts[loc.entry().partNumber() - 1];
    }

    /** Where a blob is (null if not in the WIM), for an export that copies it as stored. */
    BlobLocation location(Sha1 hash) {
        return blobTable.find(hash);
    }

    /** The file holding a blob's resource. */
    FileChannel channelOf(BlobLocation loc) {
        return partOf(loc).channel();
    }

    /** Every blob-table entry, in table order. */
    public List<BlobInfo> blobs() {
        List<BlobInfo> list = new ArrayList<>();
        for (BlobTableEntry e : blobTable.entries()) {
            ResourceHeader r = e.resource();
            boolean inSolid = r.isSolid() && !e.isSolidResource();
            list.add(new BlobInfo(e.hash(), inSolid ? r.sizeInWim() : r.uncompressedSize(),
                    r.offset(), r.sizeInWim(), r.flags(), e.refCount(), r.isMetadata(), e.partNumber()));
        }
        return list;
    }

    /**
     * Where each blob comes in a front-to-back read of this file: blobs sorted by this key are
     * read in file order, and the blobs of a solid resource in the order of their bytes in it,
     * so each chunk is decoded once. Blobs not in the WIM sort last. Computed once (the blob
     * table does not change); thread-safe.
     */
    public java.util.function.ToLongFunction<Sha1> readOrder() {
        Map<Sha1, Long> rank = readRank;
        if (rank == null) {
            List<BlobLocation> locs = new ArrayList<>(blobTable.blobs().values());
            locs.sort(READ_ORDER);
            rank = new HashMap<>(locs.size() * 2);
            for (int i = 0; i < locs.size(); i++) {
                rank.put(locs.get(i).entry().hash(), (long) i);
            }
            readRank = rank;
        }
        Map<Sha1, Long> r = rank;
        return h -> r.getOrDefault(h, Long.MAX_VALUE);
    }

    /** Blob locations for the writer (append) and apply ordering; read-only view. */
    Map<Sha1, BlobLocation> blobLocations() {
        return blobTable.blobs();
    }

    /** The blob table as stored, for the writer of an append. */
    List<BlobTableEntry> blobTableEntries() {
        return blobTable.entries();
    }

    /** Metadata entries in image order. */
    List<BlobTableEntry> metadataEntries() {
        return blobTable.metadata();
    }

    /**
     * How many streams under {@code root} name a blob this WIM lacks (a delta WIM opened without
     * its base, a split WIM without its parts), with the first one's path; null when none.
     */
    private String missingBlobs(Dentry root) {
        long count = 0;
        String first = null;
        ArrayDeque<Dentry> stack = new ArrayDeque<>(List.of(root));
        while (!stack.isEmpty()) {
            Dentry d = stack.pop();
            for (StreamRef s : d.inode().streams()) {
                if (s.hash() != null && !hasBlob(s.hash())) {
                    count++;
                    first = first == null ? d.path() : first;
                }
            }
            d.children().forEach(stack::push);
        }
        return count == 0 ? null : count + " stream(s) name blobs not in the WIM, the first of " + first
                + " (a delta WIM needs its base WIM as --ref)";
    }

    /**
     * Checks every blob's SHA-1 (in file order), every image's metadata and the integrity
     * table if present. Damage is listed in the report, not thrown.
     */
    public VerifyReport verify() throws IOException {
        List<String> problems = new ArrayList<>();
        boolean integrity = false;
        for (WimPart p : parts) {
            if (!p.header().integrity().isEmpty()) {
                integrity = true;
                checkIntegrity(p, problems);
            }
        }
        int images = 0;
        for (int i = 1; i <= imageCount(); i++) {
            try {
                String missing = missingBlobs(readImage(i).root());
                if (missing != null) {
                    problems.add("image " + i + ": " + missing);
                }
                images++;
            } catch (WimFormatException e) {
                problems.add("image " + i + ": " + e.getMessage());
            }
        }
        List<BlobLocation> locs = new ArrayList<>(blobTable.blobs().values());
        locs.sort(READ_ORDER);
        byte[] buf = new byte[1 << 16];
        int checked = 0;
        for (BlobLocation loc : locs) {
            try (InputStream in = new VerifyingInputStream(openUnchecked(loc), loc.entry().hash(),
                    loc.size(), loc.fileOrder())) {
                while (in.read(buf) >= 0) {
                    // reading to the end performs the check
                }
                checked++;
            } catch (WimFormatException e) {
                problems.add("blob " + loc.entry().hash() + ": " + e.getMessage());
            }
        }
        return new VerifyReport(checked, images, integrity, problems);
    }

    private static void checkIntegrity(WimPart part, List<String> problems) throws IOException {
        WimHeader header = part.header();
        FileChannel channel = part.channel();
        String where = part.header().totalParts() > 1 ? part.path().getFileName() + ": " : "";
        ResourceHeader res = header.integrity();
        long covered;
        try {
            covered = header.blobTable().end() - WimHeader.SIZE;
            byte[] raw = part.readFully(res, "integrity table");
            IntegrityTable table = IntegrityTable.read(raw, res.offset(), covered);
            byte[] buf = new byte[1 << 20];
            MessageDigest md = Sha1.newDigest();
            long pos = WimHeader.SIZE;
            for (int i = 0; i < table.hashes().size(); i++) {
                long len = Math.min(table.chunkSize(), covered - (pos - WimHeader.SIZE));
                long done = 0;
                while (done < len) {
                    int n = channel.read(ByteBuffer.wrap(buf, 0, (int) Math.min(buf.length, len - done)),
                            pos + done);
                    if (n < 0) {
                        throw new WimFormatException(pos + done, "file ends inside the range the"
                                + " integrity table covers");
                    }
                    md.update(buf, 0, n);
                    done += n;
                }
                if (!Sha1.of(md.digest()).equals(table.hashes().get(i))) {
                    problems.add(where + "integrity table: bytes " + pos + ".." + (pos + len)
                            + " do not match their SHA-1 (chunk " + i + ")");
                }
                pos += len;
            }
        } catch (WimFormatException e) {
            problems.add(where + "integrity table: " + e.getMessage());
        }
    }

    /**
     * Sets how many threads decompress the chunks of each opened blob ahead of its reader
     * (default: the number of processors; 1 decodes in the reading thread). Call it before
     * opening blobs. The threads are daemons that exit when idle and at {@link #close()}.
     *
     * @return this
     */
    public WimFile decodeThreads(int n) {
        for (WimPart p : parts) {
            p.reader().decodeThreads(n);
        }
        return this;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (WimPart p : parts) {
            try {
                p.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
