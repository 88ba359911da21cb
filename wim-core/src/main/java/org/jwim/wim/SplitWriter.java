package org.jwim.wim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.jwim.wim.format.BlobTableEntry;
import org.jwim.wim.format.ResourceHeader;
import org.jwim.wim.format.WimHeader;
import org.jwim.wim.read.BlobLocation;
import org.jwim.wim.write.ResourceWriter;

/**
 * Writes a WIM as a split WIM ({@code NAME.swm}, {@code NAME2.swm}, ...): part 1 holds the
 * image metadata, every part its share of the blobs (copied as stored), its own blob table and
 * the XML. No part exceeds the size limit unless one blob alone does; that part holds it alone.
 * All parts are written to temporary files first and renamed only when every part is complete.
 */
public final class SplitWriter {
    private SplitWriter() {
    }

    /**
     * Splits {@code src} into parts of at most {@code maxPartBytes}, the first at {@code part1}.
     *
     * @return the part files, in part order
     */
    public static List<Path> split(WimFile src, Path part1, long maxPartBytes) throws IOException {
        if (src.header().totalParts() != 1) {
            throw new UnsupportedWimException(src.path() + " is already split; join it first");
        }
        List<BlobLocation> blobs = new ArrayList<>(src.blobLocations().values());
        for (BlobLocation b : blobs) {
            if (b.solid() != null) {
                throw new UnsupportedWimException(src.path() + " has solid resources; splitting those is"
                        + " not supported (optimize it with --compress=lzx first)");
            }
        }
        blobs.sort(Comparator.comparingLong(BlobLocation::fileOrder));
        byte[] xml = org.jwim.wim.format.XmlData.parse(src.xml().getBytes(
                java.nio.charset.StandardCharsets.UTF_16LE), 0).toBytes();
        List<BlobTableEntry> metadata = src.metadataEntries().subList(0, src.imageCount());

        // plan: fill each part up to the limit, counting its header, blob table and XML
        List<List<BlobLocation>> parts = new ArrayList<>();
        List<BlobLocation> current = new ArrayList<>();
        long used = fixedBytes(xml, metadata.size());
        for (BlobTableEntry m : metadata) {
            used += m.resource().sizeInWim();
        }
        boolean empty = metadata.isEmpty();
        for (BlobLocation b : blobs) {
            long add = b.entry().resource().sizeInWim() + BlobTableEntry.SIZE;
            if (!empty && used + add > maxPartBytes) {
                parts.add(current);
                current = new ArrayList<>();
                used = fixedBytes(xml, 0);
            }
            current.add(b);
            used += add;
            empty = false;
        }
        parts.add(current);
        if (parts.size() > 0xFFFF) {
            throw new WimException("splitting into parts of " + maxPartBytes + " bytes would make "
                    + parts.size() + " parts; the limit is 65535");
        }

        byte[] guid = HexFormat.of().parseHex(src.header().guid());
        List<Path> finals = new ArrayList<>();
        List<Path> temps = new ArrayList<>();
        try {
            for (int i = 0; i < parts.size(); i++) {
                Path target = SplitParts.partName(part1, i + 1);
                Path temp = target.toAbsolutePath().resolveSibling("." + target.getFileName() + ".jwim-"
                        + Long.toHexString(new SecureRandom().nextLong()) + ".tmp");
                temps.add(temp);
                finals.add(target);
                writePart(src, temp, guid, i + 1, parts.size(), i == 0 ? metadata : List.of(), parts.get(i), xml);
            }
            for (int i = 0; i < temps.size(); i++) {
                Files.move(temps.get(i), finals.get(i), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            temps.clear();
            return finals;
        } finally {
            for (Path t : temps) {
                Files.deleteIfExists(t);
            }
        }
    }

    /** Header, the blob-table entries of {@code entries} metadata resources, the XML. */
    private static long fixedBytes(byte[] xml, int entries) {
        return WimHeader.SIZE + (long) entries * BlobTableEntry.SIZE + xml.length;
    }

    private static void writePart(WimFile src, Path temp, byte[] guid, int part, int total,
            List<BlobTableEntry> metadata, List<BlobLocation> blobs, byte[] xml) throws IOException {
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long pos = WimHeader.SIZE;
            List<BlobTableEntry> table = new ArrayList<>();
            ResourceHeader bootMeta = ResourceHeader.EMPTY;
            for (int i = 0; i < metadata.size(); i++) {
                BlobTableEntry m = metadata.get(i);
                ResourceHeader r = copy(src, new BlobLocation(m, null, 0), out, pos);
                pos = r.end();
                table.add(new BlobTableEntry(r, part, m.refCount(), m.hash()));
                if (i + 1 == src.bootIndex()) {
                    bootMeta = r;
                }
            }
            for (BlobLocation b : blobs) {
                ResourceHeader r = copy(src, b, out, pos);
                pos = r.end();
                table.add(new BlobTableEntry(r, part, b.entry().refCount(), b.entry().hash()));
            }
            byte[] raw = new byte[table.size() * BlobTableEntry.SIZE];
            for (int i = 0; i < table.size(); i++) {
                table.get(i).write(raw, i * BlobTableEntry.SIZE);
            }
            ResourceHeader blobTable = new ResourceHeader(raw.length, ResourceHeader.FLAG_METADATA, pos, raw.length);
            write(out, raw, pos);
            pos += raw.length;
            ResourceHeader xmlRes = new ResourceHeader(xml.length, ResourceHeader.FLAG_METADATA, pos, xml.length);
            write(out, xml, pos);
            WimHeaderInfo h = src.header();
            int flags = (h.flags() & ~(WimHeader.FLAG_WRITE_IN_PROGRESS | WimHeader.FLAG_READONLY))
                    | WimHeader.FLAG_SPANNED;
            WimHeader header = new WimHeader(h.version(), flags, h.chunkSize(), guid, part, total,
                    h.imageCount(), blobTable, xmlRes, part == 1 ? bootMeta : ResourceHeader.EMPTY,
                    part == 1 ? src.bootIndex() : 0, ResourceHeader.EMPTY);
            write(out, header.toBytes(), 0);
            out.force(true);
        }
    }

    private static ResourceHeader copy(WimFile src, BlobLocation loc, FileChannel out, long at) throws IOException {
        return ResourceWriter.copyStored(src.channelOf(loc), loc.entry().resource(), out, at);
    }

    private static void write(FileChannel out, byte[] b, long at) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b);
        while (buf.hasRemaining()) {
            out.write(buf, at + buf.position());
        }
    }
}
