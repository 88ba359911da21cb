package org.jwim.wim.read;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jwim.common.Warning;
import org.jwim.wim.WimFormatException;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.format.BlobTableEntry;
import org.jwim.wim.format.ResourceHeader;

/**
 * The parsed blob table: image metadata entries in image order and blobs by SHA-1, with
 * solid runs resolved to their solid resources.
 */
public final class BlobTable {
    private final List<BlobTableEntry> entries;
    private final List<BlobTableEntry> metadata;
    private final Map<Sha1, BlobLocation> blobs;

    private BlobTable(List<BlobTableEntry> entries, List<BlobTableEntry> metadata,
            Map<Sha1, BlobLocation> blobs) {
        this.entries = entries;
        this.metadata = metadata;
        this.blobs = blobs;
    }

    /**
     * Parses the table bytes found at {@code fileOffset}.
     *
     * @param part     this file's part number (entries of other parts are ignored)
     * @param warnings receives non-fatal problems
     */
    public static BlobTable read(byte[] raw, long fileOffset, int part, ResourceReader reader,
            Consumer<Warning> warnings) throws IOException {
        if (raw.length % BlobTableEntry.SIZE != 0) {
            throw new WimFormatException(fileOffset, "blob table size " + raw.length
                    + " is not a multiple of " + BlobTableEntry.SIZE);
        }
        int count = raw.length / BlobTableEntry.SIZE;
        List<BlobTableEntry> all = new ArrayList<>(count);
        List<BlobTableEntry> metadata = new ArrayList<>();
        Map<Sha1, BlobLocation> blobs = new HashMap<>();
        List<SolidResource> run = new ArrayList<>();
        List<BlobTableEntry> runBlobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long at = fileOffset + (long) i * BlobTableEntry.SIZE;
            BlobTableEntry e = BlobTableEntry.read(raw, i * BlobTableEntry.SIZE, at);
            all.add(e);
            ResourceHeader res = e.resource();
            if (!res.isSolid()) {
                resolveRun(run, runBlobs, blobs, warnings);
            }
            if (e.partNumber() != part) {
                continue;
            }
            if (res.isSolid()) {
                if (res.isMetadata()) {
                    throw new WimFormatException(at, "image metadata in a solid resource");
                }
                if (e.isSolidResource()) {
                    run.add(new SolidResource(reader, res));
                } else {
                    runBlobs.add(e);
                }
            } else if (res.isMetadata()) {
                if (e.refCount() != 0) {
                    metadata.add(e);
                }
            } else if (!e.hash().isZero() && res.uncompressedSize() != 0) {
                addBlob(blobs, new BlobLocation(e, null, 0), warnings);
            }
        }
        resolveRun(run, runBlobs, blobs, warnings);
        return new BlobTable(Collections.unmodifiableList(all), metadata, blobs);
    }

    private static void resolveRun(List<SolidResource> run, List<BlobTableEntry> runBlobs,
            Map<Sha1, BlobLocation> blobs, Consumer<Warning> warnings) throws IOException {
        for (BlobTableEntry b : runBlobs) {
            long off = b.resource().offset();
            long size = b.resource().sizeInWim();
            BlobLocation found = null;
            for (SolidResource r : run) {
                long usize = r.uncompressedSize();
                if (off < usize) {
                    if (size > usize - off) {
                        throw new WimFormatException(r.resource().offset(), "blob " + b.hash()
                                + " of " + size + " bytes at " + off
                                + " runs past its solid resource (" + usize + " bytes)");
                    }
                    found = new BlobLocation(b, r, off);
                    break;
                }
                off -= usize;
            }
            if (found == null) {
                throw new WimFormatException(-1, "blob " + b.hash() + " lies outside every solid"
                        + " resource of its run");
            }
            if (!b.hash().isZero() && size != 0) {
                addBlob(blobs, found, warnings);
            }
        }
        run.clear();
        runBlobs.clear();
    }

    private static void addBlob(Map<Sha1, BlobLocation> blobs, BlobLocation loc,
            Consumer<Warning> warnings) {
        if (blobs.putIfAbsent(loc.entry().hash(), loc) != null) {
            warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                    "blob " + loc.entry().hash() + " is listed twice; keeping the first"));
        }
    }

    /**
     * The tables of a split WIM's parts as one: entries in part order, the image metadata of
     * the first table (part 1 holds it), the blobs of every part.
     */
    public static BlobTable merge(List<BlobTable> parts, Consumer<Warning> warnings) {
        List<BlobTableEntry> all = new ArrayList<>();
        Map<Sha1, BlobLocation> blobs = new HashMap<>();
        for (BlobTable t : parts) {
            all.addAll(t.entries);
            for (BlobLocation loc : t.blobs.values()) {
                addBlob(blobs, loc, warnings);
            }
        }
        return new BlobTable(Collections.unmodifiableList(all), parts.get(0).metadata, blobs);
    }

    /**
     * This table with the blobs (not the image metadata) of other, whole WIMs a delta WIM
     * refers to ({@code --ref=BASE.wim}): entries of {@code refs.get(i)} renumbered as part
     * {@code i + 2} so that a reader finds the file holding each; a blob found in several
     * keeps its first place, silently (a base may well hold what the delta holds).
     */
    public BlobTable withReferences(List<BlobTable> refs) {
        List<BlobTableEntry> all = new ArrayList<>(entries);
        Map<Sha1, BlobLocation> map = new HashMap<>(blobs);
        for (int i = 0; i < refs.size(); i++) {
            int part = i + 2;
            for (BlobLocation loc : refs.get(i).blobs.values()) {
                BlobTableEntry e = loc.entry();
                BlobTableEntry renumbered = new BlobTableEntry(e.resource(), part, e.refCount(), e.hash());
                if (map.putIfAbsent(e.hash(), new BlobLocation(renumbered, loc.solid(), loc.offsetInSolid())) == null) {
                    all.add(renumbered);
                }
            }
        }
        return new BlobTable(Collections.unmodifiableList(all), metadata, map);
    }

    /** Every entry as stored, in table order. */
    public List<BlobTableEntry> entries() {
        return entries;
    }

    /** Metadata resource entries: image i is element i-1. */
    public List<BlobTableEntry> metadata() {
        return metadata;
    }

    public BlobLocation find(Sha1 hash) {
        return blobs.get(hash);
    }

    public Map<Sha1, BlobLocation> blobs() {
        return Collections.unmodifiableMap(blobs);
    }
}
