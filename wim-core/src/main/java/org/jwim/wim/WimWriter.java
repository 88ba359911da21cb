package org.jwim.wim;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jwim.common.Filetime;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.compress.Codecs;
import org.jwim.wim.format.BlobTableEntry;
import org.jwim.wim.format.IntegrityTable;
import org.jwim.wim.format.ResourceHeader;
import org.jwim.wim.format.WimHeader;
import org.jwim.wim.format.XmlData;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageStats;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.write.BlobStore;
import org.jwim.wim.write.CopyBehind;
import org.jwim.wim.write.MetadataWriter;
import org.jwim.wim.write.ResourceWriter;

/**
 * Writes a WIM: a new one, or an existing one with images appended. A new WIM (or an appended
 * one on a share) goes to a temporary file beside the target whose header says
 * WRITE_IN_PROGRESS; {@link #commit()} writes the tables and the final header and renames the
 * file into place. An append on the local file system writes past the WIM's end and rewrites
 * its header last ({@link #appendInPlace}). Closing without commit deletes the temporary file,
 * or cuts the appended tail, and leaves the target as it was. Not thread-safe.
 */
public final class WimWriter implements Closeable {
    private final Path target;
    /** The file written: a temporary one beside the target, or the target itself ({@link #appendInPlace}). */
    private final Path temp;
    /** Appending in place: the WIM's length before, restored if the write is not committed; else -1. */
    private final long inPlaceFrom;
    private final FileChannel out;
    private final WriteOptions options;
    private final CompressionType compression;
    private final int chunkSize;
    private final byte[] guid;
    private final int baseFlags;
    private final int version;
    private final XmlData xml;
    private final List<BlobTableEntry> metadata = new ArrayList<>();
    private final List<BlobTableEntry> keptSolidEntries = new ArrayList<>();
    private final Set<String> imageNames = new HashSet<>();
    private final BlobStore blobs;
    private final ResourceWriter writer;
    /** Reused resources copied as stored while the image's other blobs and metadata are written. */
    private final CopyBehind copies;
    private boolean committed;
    /** Exports recompress every blob, even one stored in this WIM's format (optimize --recompress). */
    private boolean recompressAll;
    /** Earlier images whose metadata resource a tree's may copy as stored ({@link #useMetadataOf}). */
    private final Map<ImageTree, EarlierImage> earlier = new IdentityHashMap<>();
    /** Blobs being copied ahead ({@link #copyAhead}) that no {@link #useBlobsOf} has settled yet. */
    private ImageExport.Ahead ahead;

    private record EarlierImage(WimFile wim, int index, byte[] metadata) {
    }

    private WimWriter(Path target, Path temp, FileChannel out, WriteOptions options,
            CompressionType compression, int chunkSize, byte[] guid, int baseFlags, int version,
            XmlData xml, long dataEnd, long inPlaceFrom) throws IOException {
        this.target = target;
        this.temp = temp;
        this.inPlaceFrom = inPlaceFrom;
        this.out = out;
        this.options = options;
        this.compression = compression;
        this.chunkSize = chunkSize;
        this.guid = guid;
        this.baseFlags = baseFlags;
        this.version = version;
        this.xml = xml;
        int level = options.compressionLevel();
        this.writer = new ResourceWriter(out, dataEnd, compression, chunkSize,
                compression == CompressionType.NONE ? null : Codecs.compressor(compression, chunkSize, level));
        if (temp.getFileSystem() == FileSystems.getDefault()) {
            writer.writeBackAhead();
        }
        this.blobs = new BlobStore(writer, compression, level);
        this.copies = new CopyBehind(out);
        if (inPlaceFrom < 0) {
            WimTempFiles.hold(temp, out); // released when out closes
        }
    }

    /** Starts a new WIM that will replace {@code target} on commit. */
    public static WimWriter create(Path target, WriteOptions options) throws IOException {
        byte[] guid = new byte[16];
        new SecureRandom().nextBytes(guid);
        return create(target, options, guid, 0);
    }

    /** A new WIM with a given GUID and header flags, for a rebuild of an existing one. */
    static WimWriter create(Path target, WriteOptions options, byte[] guid, int baseFlags) throws IOException {
        CompressionType type = options.compression() == null ? CompressionType.LZX : options.compression();
        int chunk = chunkSize(type, options.chunkSize());
        if (type != CompressionType.NONE) {
            Codecs.compressor(type, chunk, options.compressionLevel()); // fail before creating any file
        }
        Path temp = tempBeside(target);
        FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            int version = type == CompressionType.LZMS ? WimHeader.VERSION_SOLID : WimHeader.VERSION_DEFAULT;
            WimWriter w = new WimWriter(target, temp, ch, options, type, chunk, guid, baseFlags, version,
                    XmlData.empty(), WimHeader.SIZE, -1);
            w.writeHeader(ResourceHeader.EMPTY, ResourceHeader.EMPTY, ResourceHeader.EMPTY, true);
            return w;
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /**
     * Starts appending images to {@code existing}, whose blobs the new images reuse. On the local
     * file system the WIM is appended to in place ({@link #appendInPlace}); elsewhere (a share)
     * its resources are copied to a temporary file that replaces it on commit. An integrity table
     * left unset in {@code options} is written if the WIM has one.
     */
    public static WimWriter append(Path existing, WriteOptions options) throws IOException {
        try (WimFile old = WimFile.open(existing)) {
            checkAppendable(existing, old, options);
            if (existing.getFileSystem() == FileSystems.getDefault()) {
                return appendInPlace(existing, old, options);
            }
            Path temp = tempBeside(existing);
            Files.copy(existing, temp, StandardCopyOption.COPY_ATTRIBUTES);
            FileChannel ch = null;
            try {
                ch = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE);
                long dataEnd = resourcesEnd(old);
                WimWriter w = continuing(existing, temp, ch, options, old, dataEnd, -1);
                ch.truncate(dataEnd);
                w.writeHeader(ResourceHeader.EMPTY, ResourceHeader.EMPTY, ResourceHeader.EMPTY, true);
                return w;
            } catch (IOException | RuntimeException e) {
                if (ch != null) {
                    ch.close();
                }
                Files.deleteIfExists(temp);
                throw e;
            }
        }
    }

    private static void checkAppendable(Path existing, WimFile old, WriteOptions options) throws IOException {
        if (old.header().totalParts() != 1) {
            throw new UnsupportedWimException(existing + " is part of a split WIM; join it before appending");
        }
        if (options.compression() != null && options.compression() != old.compression()) {
            throw new WimException(existing + " uses " + old.compression()
                    + " compression; cannot append with " + options.compression());
        }
        if (options.chunkSize() != 0 && options.chunkSize() != old.chunkSize()) {
            throw new WimException(existing + " uses " + old.chunkSize()
                    + "-byte chunks; cannot append with " + options.chunkSize());
        }
        if ((old.header().flags() & WimHeader.FLAG_READONLY) != 0) {
            throw new WimException(existing + " is marked read-only");
        }
    }

    /** Where the last of {@code old}'s resources (metadata and blobs, not its tables) ends. */
    private static long resourcesEnd(WimFile old) throws IOException {
        long end = WimHeader.SIZE;
        for (BlobTableEntry e : old.metadataEntries()) {
            end = Math.max(end, e.resource().end());
        }
        for (var loc : old.blobLocations().values()) {
            end = Math.max(end, (loc.solid() != null ? loc.solid().resource() : loc.entry().resource()).end());
        }
        return end;
    }

    /** A writer that carries on {@code old}'s images, blobs, GUID and flags in {@code file}. */
    private static WimWriter continuing(Path existing, Path file, FileChannel ch, WriteOptions options,
            WimFile old, long dataEnd, long inPlaceFrom) throws IOException {
        XmlData xml = XmlData.parse(old.xml().getBytes(java.nio.charset.StandardCharsets.UTF_16LE), 0);
        WimHeaderInfo h = old.header();
        int flags = h.flags() & (WimHeader.FLAG_RP_FIX | WimHeader.FLAG_READONLY);
        WimWriter w = new WimWriter(existing, file, ch,
                options.integrity(options.integrityAfter(old.hasIntegrityTable())), old.compression(), old.chunkSize(),
                java.util.HexFormat.of().parseHex(h.guid()), flags, h.version(), xml, dataEnd, inPlaceFrom);
        w.adopt(old);
        return w;
    }

    /**
     * Appends in place, as wimlib does, without a copy of the WIM: everything new (resources,
     * then blob table, XML and integrity table) goes after the WIM's last byte and is synced
     * before the header is rewritten, so until that one 208-byte write the old header describes
     * the old WIM, whose bytes are never touched. A kill leaves the WIM valid with a tail that
     * readers ignore and the next append or close cuts off; a writer that closes without
     * committing truncates the tail itself. A lock on the WIM keeps two jwim writers apart.
     */
    private static WimWriter appendInPlace(Path existing, WimFile old, WriteOptions options) throws IOException {
        FileChannel ch = FileChannel.open(existing, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            WimTempFiles.lockForAppend(existing, ch);
            WimHeaderInfo h = old.header();
            long end = Math.max(resourcesEnd(old), Math.max(h.blobTableOffset() + h.blobTableSize(),
                    h.xmlOffset() + h.xmlSize()));
            end = Math.max(end, h.integrityOffset() + h.integritySize());
            if (ch.size() > end) {
                ch.truncate(end); // the tail of an append that was killed
            }
            return continuing(existing, existing, ch, options, old, end, end);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private void adopt(WimFile old) throws IOException {
        metadata.addAll(old.metadataEntries().subList(0, old.imageCount()));
        for (ImageSummary s : old.images()) {
            if (!s.info().name().isEmpty()) {
                imageNames.add(s.info().name());
            }
        }
        for (var loc : old.blobLocations().values()) {
            blobs.adopt(loc.entry(), loc.solid() != null);
        }
        for (int i = 1; i <= old.imageCount(); i++) {
            blobs.countReferences(old.readImage(i).root());
        }
        for (BlobTableEntry e : old.blobTableEntries()) {
            if (e.resource().isSolid()) {
                keptSolidEntries.add(e);
            }
        }
    }

    private static int chunkSize(CompressionType type, int requested) throws WimException {
        if (type == CompressionType.NONE) {
            return 0;
        }
        int size = requested == 0 ? type.defaultChunkSize() : requested;
        if (!type.isValidChunkSize(size)) {
            throw new WimException("chunk size " + size + " is not valid for " + type
                    + " (powers of two from " + type.minChunkSize() + " to " + type.maxChunkSize() + ")");
        }
        return size;
    }

    private static Path tempBeside(Path target) {
        return WimTempFiles.beside(target);
    }

    /**
     * True if {@code name} is the name of a temporary file a writer of a WIM named
     * {@code targetName} creates beside it (".NAME.jwim-HEX.tmp"), so that a capture of the
     * directory holding the WIM can leave it out.
     */
    public static boolean isTemporaryName(String name, String targetName) {
        return WimTempFiles.isTemporaryName(name, targetName);
    }

    /** The compression this WIM is written with. */
    public CompressionType compression() {
        return compression;
    }

    /**
     * Adds an image: stores every stream's blob not yet in the WIM (reading the tree's blob
     * sources now, in physical order) and resolves each stream's hash and size, then writes the
     * image's metadata resource.
     */
    public void addImage(ImageTree tree, ImageInfo info) throws IOException {
        addImages(List.of(tree), List.of(info));
    }

    /**
     * Adds several images at once, in the order given, their blobs read concurrently (one reader
     * per tree, each in its physical order) into one pipeline of {@link WriteOptions#threads()}
     * compressors. The images, their metadata and the set of blobs are those of adding them one
     * by one (a blob several trees have is stored once); the blobs of the trees lie interleaved
     * in the file, in an order fixed by their sizes. One tree: {@link #addImage}.
     */
    public void addImages(List<ImageTree> trees, List<ImageInfo> infos) throws IOException {
        if (trees.size() != infos.size()) {
            throw new IllegalArgumentException(trees.size() + " trees but " + infos.size() + " image infos");
        }
        if (committed) {
            throw new IllegalStateException("the WIM was already committed");
        }
        Set<String> names = new HashSet<>();
        for (ImageInfo info : infos) {
            if (!info.name().isEmpty() && (imageNames.contains(info.name()) || !names.add(info.name()))) {
                throw new WimException("an image named '" + info.name() + "' already exists");
            }
        }
        dropAhead();
        long now = filetimeNow();
        List<Dentry> roots = new ArrayList<>();
        for (ImageTree t : trees) {
            roots.add(t.root());
        }
        blobs.store(roots, metadata.size() + 1, options.threads(), options.progress());
        for (int i = 0; i < trees.size(); i++) {
            writeMetadata(trees.get(i), infos.get(i));
            ImageStats stats = trees.get(i).stats();
            xml.addImage(infos.get(i), stats.dirCount(), stats.fileCount(), stats.totalBytes(),
                    stats.hardLinkBytes(), now, now);
        }
    }

    /** Stores the tree's blobs and its metadata resource (the XML is the caller's). */
    private void writeImage(ImageTree tree, ImageInfo info) throws IOException {
        if (committed) {
            throw new IllegalStateException("the WIM was already committed");
        }
        if (!info.name().isEmpty() && imageNames.contains(info.name())) {
            throw new WimException("an image named '" + info.name() + "' already exists");
        }
        blobs.store(tree.root(), metadata.size() + 1, options.threads(), options.progress());
        writeMetadata(tree, info);
    }

    /** Counts the references of a tree whose blobs are stored and writes its metadata resource. */
    private void writeMetadata(ImageTree tree, ImageInfo info) throws IOException {
        if (!info.name().isEmpty()) {
            imageNames.add(info.name());
        }
        int image = metadata.size() + 1;
        blobs.countReferences(tree.root());
        byte[] meta = MetadataWriter.encode(tree);
        ResourceWriter.Written w = copyMetadata(earlier.remove(tree), meta);
        if (w == null) {
            w = blobs.storeMetadata(meta, options.threads(), "metadata of image " + image);
        }
        copies.awaitCopied(); // the caller may close the source WIM once the image is added
        metadata.add(new BlobTableEntry(w.resource(), 1, 1, w.hash()));
        options.progress().onEvent(new ProgressEvent.ImageWritten(image));
    }

    /**
     * Adds image {@code index} of {@code src} (wimlib's export): blobs already here are not
     * stored again, blobs stored with this WIM's compression and chunk size are copied without
     * recompressing, the others are recompressed on {@link WriteOptions#threads()} threads.
     * The image's XML is copied (times, WINDOWS details), with the name and description of
     * {@code info}.
     *
     * @param info the name and description of the new image
     * @return how many blobs were copied as stored, recompressed, or already here
     */
    public ExportCounts exportImage(WimFile src, int index, ImageInfo info) throws IOException {
        ImageTree tree = src.readImage(index);
        boolean sameFormat = !recompressAll && src.compression() == compression && src.chunkSize() == chunkSize;
        ExportCounts c = ImageExport.prepare(src, tree.root(), blobs, writer, sameFormat, copies, takeAhead());
        writeImage(tree, info);
        xml.addImageCopy(XmlData.parse(src.xml().getBytes(java.nio.charset.StandardCharsets.UTF_16LE), 0),
                index, info);
        return c;
    }

    /**
     * Makes the blobs of {@code src} that streams under {@code root} name by hash (files an
     * incremental capture took over unread) available to the next {@link #addImage}: those
     * already here are left alone, the others copied as stored (on another thread, done by the
     * end of the next {@link #addImage}, so {@code src} must stay open until then) or, in another
     * format, recompressed when the image is added. Streams with a source are not touched.
     */
    public ExportCounts useBlobsOf(WimFile src, Dentry root) throws IOException {
        boolean sameFormat = !recompressAll && src.compression() == compression && src.chunkSize() == chunkSize;
        return ImageExport.prepare(src, root, blobs, writer, sameFormat, copies, takeAhead());
    }

    /**
     * Starts copying, as stored, the blobs of {@code src} that streams under {@code root} name
     * (an earlier image of the source an incremental capture scans meanwhile; null: all its
     * blobs, for a WIM of that image only, before its metadata is read), in file order,
     * when {@code src} has this WIM's format; the next {@link #useBlobsOf} keeps those copied
     * ahead up to the first it does not take, copies the rest again after them and leaves no
     * gap. So a source on which nothing changed costs no copy after its scan; one on which
     * something did costs at most the copy of what follows the first change. {@code src} must
     * stay open until the image is added or this writer closed. Does nothing for a second call
     * before {@link #useBlobsOf}.
     */
    public void copyAhead(WimFile src, Dentry root) throws IOException {
        if (ahead == null && !committed && !recompressAll && src.compression() == compression
                && src.chunkSize() == chunkSize) {
            ahead = ImageExport.copyAhead(src, root, blobs, writer, copies);
        }
    }

    /**
     * Starts copying, as stored, the blobs of {@code src} that {@code hashes} name and neither
     * this WIM nor an earlier call has, after those copied ahead before (in file order within
     * each call), when {@code src} has this WIM's format: the blobs of the files an incremental
     * capture finds unchanged while it still scans the volume, a batch at a time, so that only
     * blobs it will take are copied. The next {@link #useBlobsOf} keeps those copied ahead, in
     * the order copied, up to the first it does not take, and copies the rest after them.
     * {@code src} must stay open until the image is added or this writer closed. Does nothing
     * after {@link #copyAhead(WimFile, Dentry)} or a call with another {@code src} before
     * {@link #useBlobsOf}.
     */
    public void copyAhead(WimFile src, java.util.Collection<Sha1> hashes) throws IOException {
        if (!committed && !recompressAll && src.compression() == compression && src.chunkSize() == chunkSize) {
            ahead = ImageExport.copyAhead(src, hashes, ahead, blobs, writer, copies);
        }
    }

    private ImageExport.Ahead takeAhead() {
        ImageExport.Ahead a = ahead;
        ahead = null;
        return a;
    }

    /** Gives back the place of blobs copied ahead that nothing took ({@link #copyAhead}). */
    private void dropAhead() throws IOException {
        ImageExport.Ahead a = takeAhead();
        if (a != null) {
            a.settle(null, List.of(), blobs, writer, copies);
        }
    }

    /**
     * Lets the metadata resource of {@code tree}, when {@link #addImage} finds it byte-identical
     * to {@code metadata} (image {@code index} of {@code src}, as {@link WimFile#readMetadata}
     * returned it) and {@code src} has this WIM's format, be copied as stored instead of
     * compressed again: an incremental capture of a volume on which nothing changed (a disk's
     * recovery partition, say). {@code src} must stay open until the image is added.
     */
    public void useMetadataOf(ImageTree tree, WimFile src, int index, byte[] metadata) {
        earlier.put(tree, new EarlierImage(src, index, metadata));
    }

    /**
     * The earlier image's metadata resource copied as stored when {@code meta} equals its
     * bytes; null when there is none, it differs, or it is in another format. A few hundred KB,
     * written here at a reserved place (the {@link CopyBehind} thread may be copying blobs).
     */
    private ResourceWriter.Written copyMetadata(EarlierImage e, byte[] meta) throws IOException {
        if (e == null || recompressAll || e.wim().compression() != compression
                || e.wim().chunkSize() != chunkSize || !Arrays.equals(meta, e.metadata())) {
            return null;
        }
        BlobTableEntry entry = e.wim().metadataEntry(e.index());
        ResourceHeader r = entry.resource();
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(r.sizeInWim()));
        FileChannel from = e.wim().metadataChannel();
        while (buf.hasRemaining()) {
            if (from.read(buf, r.offset() + buf.position()) < 0) {
                throw new IOException(e.wim().path() + " ends inside the metadata of image " + e.index());
            }
        }
        long at = writer.reserve(r.sizeInWim());
        for (buf.flip(); buf.hasRemaining();) {
            out.write(buf, at + buf.position());
        }
        return new ResourceWriter.Written(new ResourceHeader(r.sizeInWim(), r.flags(), at, r.uncompressedSize()),
                entry.hash());
    }

    /**
     * Makes this a delta WIM of {@code base} (wimlib's {@code --delta-from}): blobs {@code base}
     * holds are not stored here, so readers need it as {@code --ref}. Call before adding images.
     */
    public void deltaFrom(WimFile base) {
        for (BlobInfo b : base.blobs()) {
            if (!b.metadata()) {
                blobs.external(b.hash(), b.size());
            }
        }
    }

    void recompressAll(boolean value) {
        recompressAll = value;
    }

    /** How the blobs of an exported image were stored (see {@link #exportImage}). */
    public record ExportCounts(long copiedAsStored, long recompressed, long alreadyThere) {
    }

    /**
     * Removes image {@code index} of the appended-to WIM (wimlib's soft delete): its metadata
     * and XML go, its blobs stay in the file but leave the blob table once nothing uses them.
     */
    void dropImage(int index, ImageTree tree) throws IOException {
        metadata.remove(index - 1);
        imageNames.remove(xml.summary(index).info().name());
        xml.removeImage(index);
        blobs.removeReferences(tree.root());
    }

    /** The XML being written, for edits of an appended-to WIM's image properties. */
    XmlData xml() {
        return xml;
    }

    /** Number of images, including those of an appended-to WIM. */
    public int imageCount() {
        return metadata.size();
    }

    /** Writes the blob table, XML data, optional integrity table and final header; renames. */
    public void commit() throws IOException {
        if (committed) {
            throw new IllegalStateException("already committed");
        }
        dropAhead();
        if (options.progress().cancelled()) { // a cancelled job never replaces the target
            throw new CancelledException("write of " + target + " cancelled");
        }
        if (options.bootIndex() < 0 || options.bootIndex() > metadata.size()) {
            throw new WimException("boot index " + options.bootIndex() + " is not an image (1.."
                    + metadata.size() + ")");
        }
        List<BlobTableEntry> table = new ArrayList<>(metadata);
        table.addAll(blobs.entries());
        for (BlobTableEntry e : keptSolidEntries) {
            long refs = blobs.references().getOrDefault(e.hash(), 0L);
            if (e.isSolidResource() || refs > 0) {
                table.add(e.isSolidResource() ? e : e.withRefCount(refs));
            }
        }
        byte[] raw = new byte[table.size() * BlobTableEntry.SIZE];
        for (int i = 0; i < table.size(); i++) {
            table.get(i).write(raw, i * BlobTableEntry.SIZE);
        }
        ResourceHeader blobTable = writer.writeBytes(raw, ResourceHeader.FLAG_METADATA);
        xml.setTotalBytes(writer.position());
        ResourceHeader xmlRes = writer.writeBytes(xml.toBytes(), ResourceHeader.FLAG_METADATA);
        ResourceHeader integrity = ResourceHeader.EMPTY;
        if (options.integrity()) {
            integrity = writer.writeBytes(integrityTable(blobTable.end()).toBytes(), 0);
        }
        writer.drain();
        writer.close();
        copies.join();
        out.truncate(writer.position());
        out.force(true);
        writeHeaderFinal(blobTable, xmlRes, integrity);
        out.force(true);
        out.close();
        if (inPlaceFrom < 0) {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
        WimTempFiles.removeStale(target);
    }

    private IntegrityTable integrityTable(long coveredEnd) throws IOException {
        List<Sha1> hashes = new ArrayList<>();
        byte[] buf = new byte[1 << 20];
        long pos = WimHeader.SIZE;
        while (pos < coveredEnd) {
            long len = Math.min(IntegrityTable.DEFAULT_CHUNK_SIZE, coveredEnd - pos);
            MessageDigest md = Sha1.newDigest();
            for (long done = 0; done < len;) {
                ByteBuffer b = ByteBuffer.wrap(buf, 0, (int) Math.min(buf.length, len - done));
                int n = out.read(b, pos + done);
                if (n < 0) {
                    throw new IOException("output ended early while computing the integrity table");
                }
                md.update(buf, 0, n);
                done += n;
            }
            hashes.add(Sha1.of(md.digest()));
            pos += len;
        }
        return new IntegrityTable(IntegrityTable.DEFAULT_CHUNK_SIZE, hashes);
    }

    private void writeHeaderFinal(ResourceHeader blobTable, ResourceHeader xmlRes,
            ResourceHeader integrity) throws IOException {
        writeHeader(blobTable, xmlRes, integrity, false);
    }

    private void writeHeader(ResourceHeader blobTable, ResourceHeader xmlRes,
            ResourceHeader integrity, boolean inProgress) throws IOException {
        int flags = baseFlags;
        if (compression != CompressionType.NONE) {
            flags |= CompressionType.HDR_FLAG_COMPRESSION | compression.headerFlag();
        }
        if (inProgress) {
            flags |= WimHeader.FLAG_WRITE_IN_PROGRESS;
        }
        int boot = inProgress ? 0 : options.bootIndex();
        ResourceHeader bootMeta = boot == 0 ? ResourceHeader.EMPTY : metadata.get(boot - 1).resource();
        WimHeader h = new WimHeader(version, flags, chunkSize, guid, 1, 1,
                inProgress ? 0 : metadata.size(), blobTable, xmlRes, bootMeta, boot, integrity);
        ByteBuffer buf = ByteBuffer.wrap(h.toBytes());
        while (buf.hasRemaining()) {
            out.write(buf, buf.position());
        }
    }

    static long filetimeNow() {
        return Filetime.fromInstant(Instant.now());
    }

    /**
     * Unless {@link #commit()} succeeded: deletes the temporary file, or cuts what an append in
     * place wrote past the WIM's old end.
     */
    @Override
    public void close() throws IOException {
        if (!committed) {
            writer.close(true); // what is still behind is dropped with the file or its tail
            try {
                copies.join();
                if (inPlaceFrom >= 0) {
                    out.truncate(inPlaceFrom);
                }
            } finally {
                try {
                    out.close();
                } finally {
                    if (inPlaceFrom < 0) {
                        Files.deleteIfExists(temp);
                    }
                }
            }
        }
    }

    /** Blob counts for tests and reports: entries that the blob table will list (non-metadata). */
    public int blobCount() {
        return blobs.entries().size() + (int) keptSolidEntries.stream().filter(e -> !e.isSolidResource()).count();
    }

}
