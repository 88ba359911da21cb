package org.jwim.wim.read;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import org.jwim.common.Warning;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ReadHints;
import org.jwim.wim.WimFormatException;
import org.jwim.wim.compress.fast.FastCodecs;
import org.jwim.wim.format.WimHeader;
import org.jwim.wim.internal.Limits;

/**
 * One file of a WIM: the whole WIM, or one part of a split WIM. Holds the open channel, the
 * header, a resource reader and the part's blob table (each part lists only its own blobs).
 */
public final class WimPart implements Closeable {
    private final Path path;
    private final FileChannel channel;
    private final long fileSize;
    private final WimHeader header;
    private final CompressionType compression;
    private final ResourceReader reader;
    private BlobTable blobTable;

    private WimPart(Path path, FileChannel channel) throws IOException {
        this.path = path;
        this.channel = channel;
        this.fileSize = channel.size();
        this.header = readHeader(channel, fileSize);
        this.compression = CompressionType.fromHeaderFlags(header.flags());
        if (!compression.isValidChunkSize(header.chunkSize())) {
            throw new WimFormatException(0x14, "chunk size " + header.chunkSize()
                    + " is not valid for " + compression + " compression");
        }
        FastCodecs.requireLibrary(compression, path + " uses");
        this.reader = new ResourceReader(channel, fileSize, compression, (int) header.chunkSize());
    }

    /** Opens {@code path} read-only and reads its header (not yet its blob table). */
    public static WimPart open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new WimPart(path, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static WimHeader readHeader(FileChannel ch, long size) throws IOException {
        byte[] h = new byte[(int) Math.min(WimHeader.SIZE, size)];
        ch.read(ByteBuffer.wrap(h), 0);
        return WimHeader.read(h);
    }

    /** Reads and parses the blob table; call once. */
    public BlobTable readBlobTable(Consumer<Warning> warnings) throws IOException {
        hint(header.blobTable());
        byte[] table = reader.readFully(header.blobTable(), Math.min(fileSize, Limits.MAX_IN_MEMORY_RESOURCE),
                "blob table");
        blobTable = BlobTable.read(table, header.blobTable().offset(), header.partNumber(), reader, warnings);
        return blobTable;
    }

    /** Reads a whole resource of this file, at most {@code limit} bytes once uncompressed. */
    public byte[] readFully(org.jwim.wim.format.ResourceHeader res, String what) throws IOException {
        hint(res);
        return reader.readFully(res, Math.min(fileSize, Limits.MAX_IN_MEMORY_RESOURCE), what);
    }

    /** Tells a remote channel ({@link ReadHints}) that {@code res} is about to be read whole. */
    public void hint(org.jwim.wim.format.ResourceHeader res) {
        if (channel instanceof ReadHints h && !res.isEmpty()) {
            h.willRead(res.offset(), res.sizeInWim());
        }
    }

    /** Tells a remote channel the resources, in the order they will be read (a read plan). */
    public void hintAll(List<org.jwim.wim.format.ResourceHeader> resources) {
        if (channel instanceof ReadHints h && !resources.isEmpty()) {
            long[] offsets = new long[resources.size()];
            long[] lengths = new long[offsets.length];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = resources.get(i).offset();
                lengths[i] = resources.get(i).sizeInWim();
            }
            h.willReadAll(offsets, lengths);
        }
    }

    public Path path() {
        return path;
    }

    public FileChannel channel() {
        return channel;
    }

    public long fileSize() {
        return fileSize;
    }

    public WimHeader header() {
        return header;
    }

    public CompressionType compression() {
        return compression;
    }

    public ResourceReader reader() {
        return reader;
    }

    /** The blob table read by {@link #readBlobTable}. */
    public BlobTable blobTable() {
        return blobTable;
    }

    @Override
    public void close() throws IOException {
        reader.close();
        channel.close();
    }
}
