package org.jwim.ntfs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jwim.common.Warning;
import org.jwim.ntfs.data.VolumeIo;
import org.jwim.ntfs.format.Attribute;
import org.jwim.ntfs.format.Fixup;
import org.jwim.ntfs.format.IndexNode;
import org.jwim.common.LE;

/**
 * Every entry of one named index of a file: the $INDEX_ROOT node plus every INDX block its
 * $BITMAP marks in use. Damaged nodes are reported and skipped.
 */
final class IndexReader {
    /** Largest index allocation read (an index is metadata; 64 MiB is millions of entries). */
    static final long MAX_ALLOCATION = 64L << 20;
    private static final int MIN_BLOCK = 512;
    private static final int MAX_BLOCK = 64 * 1024;

    private IndexReader() {
    }

    /**
     * @param attrs the file's $INDEX_ROOT, $INDEX_ALLOCATION and $BITMAP attributes named {@code name}
     *              (others are ignored)
     * @return the entries as {@link IndexNode#entries} copies them, in node order
     */
    static List<byte[]> read(VolumeIo io, long rec, String name, List<Attribute> attrs,
            Consumer<Warning> warnings) {
        byte[] root = null;
        Attribute alloc = null;
        byte[] bitmap = null;
        for (Attribute a : attrs) {
            if (!a.name().equals(name)) {
                continue;
            }
            switch (a.type()) {
                case Attribute.TYPE_INDEX_ROOT -> root = a.value();
                case Attribute.TYPE_INDEX_ALLOCATION -> alloc = a.isResident() || a.lowestVcn() != 0 ? alloc : a;
                case Attribute.TYPE_BITMAP -> bitmap = a.isResident() ? a.value() : readSmall(io, a);
                default -> {
                }
            }
        }
        String where = "MFT record " + rec + " index " + name;
        List<byte[]> out = new ArrayList<>();
        if (root == null || root.length < IndexNode.ROOT_HEADER + 16) {
            warnings.accept(Warning.of(Warning.Kind.DAMAGED, where + ": no $INDEX_ROOT; index ignored"));
            return out;
        }
        String problem = IndexNode.entries(root, IndexNode.ROOT_HEADER, root.length, out);
        if (problem != null) {
            warnings.accept(Warning.of(Warning.Kind.DAMAGED, where + " root: " + problem));
        }
        if (alloc == null) {
            return out;
        }
        long blockSize = LE.u32(root, IndexNode.ROOT_BLOCK_SIZE);
        if (blockSize < MIN_BLOCK || blockSize > MAX_BLOCK || Long.bitCount(blockSize) != 1) {
            warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                    where + ": index block size " + blockSize + " invalid; blocks ignored"));
            return out;
        }
        long size = Math.min(alloc.dataSize(), alloc.initializedSize());
        if (size > MAX_ALLOCATION || size > io.length()) {
            warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                    where + ": $INDEX_ALLOCATION of " + size + " bytes too large; blocks ignored"));
            return out;
        }
        int bs = (int) blockSize;
        byte[] block = new byte[bs];
        for (long i = 0; (i + 1) * bs <= size; i++) {
            if (bitmap == null || i / 8 >= bitmap.length || (bitmap[(int) (i / 8)] >> (i % 8) & 1) == 0) {
                continue;
            }
            try {
                io.readRuns(alloc.runs(), alloc.initializedSize(), i * bs, block, 0, bs);
            } catch (IOException e) {
                warnings.accept(Warning.of(Warning.Kind.DAMAGED, where + " block " + i + ": " + e.getMessage()));
                continue;
            }
            problem = LE.i32(block, 0) != IndexNode.BLOCK_SIGNATURE ? "no INDX signature"
                    : Fixup.apply(block, 0, bs);
            if (problem == null) {
                problem = IndexNode.entries(block, IndexNode.BLOCK_HEADER, bs, out);
            }
            if (problem != null) {
                warnings.accept(Warning.of(Warning.Kind.DAMAGED, where + " block " + i + ": " + problem));
            }
        }
        return out;
    }

    private static byte[] readSmall(VolumeIo io, Attribute a) {
        if (a.lowestVcn() != 0 || a.dataSize() > MAX_ALLOCATION / 8) {
            return null;
        }
        byte[] b = new byte[(int) a.dataSize()];
        try {
            io.readRuns(a.runs(), a.initializedSize(), 0, b, 0, b.length);
            return b;
        } catch (IOException e) {
            return null;
        }
    }
}
