package org.jwim.ntfs.write;

import java.util.ArrayList;
import java.util.List;
import org.jwim.common.LE;

/**
 * Builds one NTFS index (a B-tree: every entry appears once, an entry's child holds the entries
 * sorted before it, the end entry's child those after the last entry) from entries already in
 * collation order. Small indexes live in the $INDEX_ROOT alone; larger ones are packed bottom-up
 * into INDX blocks of {@code blockSize} bytes, with as many levels as needed, the top level in
 * the root. Entries are complete index entries without the child VCN; the builder adds it.
 */
final class IndexBuilder {
    static final int ENTRY_HAS_CHILD = 0x01;
    static final int ENTRY_LAST = 0x02;
    private static final int END_ENTRY = 0x10;
    private static final int BLOCK_HEADER = 0x18;

    /** The built index. {@code blocks} have their fixups applied; VCN of block i is i * vcnPerBlock. */
    record Result(byte[] rootValue, List<byte[]> blocks, byte[] bitmap) {
        boolean large() {
            return !blocks.isEmpty();
        }
    }

    private record Level(List<byte[]> entries, List<Long> children) {
    }

    private final int blockSize;
    private final int vcnPerBlock;
    private final int indexedType;
    private final int collation;
    private final int clustersPerBlock;
    private final List<byte[]> blocks = new ArrayList<>();

    IndexBuilder(int blockSize, int clusterSize, int indexedType, int collation) {
        this.blockSize = blockSize;
        this.vcnPerBlock = blockSize >= clusterSize ? blockSize / clusterSize : blockSize / 512;
        this.clustersPerBlock = vcnPerBlock;
        this.indexedType = indexedType;
        this.collation = collation;
    }

    private int entriesStart() {
        return AttrBytes.align8(0x28 + 2 * (blockSize / 512 + 1));
    }

    /**
     * @param entries   index entries in collation order, each 8-byte aligned
     * @param rootSpace bytes the $INDEX_ROOT value may take
     */
    Result build(List<byte[]> entries, int rootSpace) {
        List<Long> leafChildren = new ArrayList<>();
        for (int i = 0; i <= entries.size(); i++) {
            leafChildren.add(-1L);
        }
        Level level = new Level(entries, leafChildren);
        while (rootSize(level) > rootSpace) {
            level = pack(level);
        }
        byte[] root = new byte[rootSize(level)];
        LE.put32(root, 0x00, indexedType);
        LE.put32(root, 0x04, collation);
        LE.put32(root, 0x08, blockSize);
        root[0x0C] = (byte) clustersPerBlock;
        writeNode(root, 0x10, 0x10, level);
        int bitmapBytes = AttrBytes.align8((blocks.size() + 7) / 8);
        byte[] bitmap = new byte[Math.max(8, bitmapBytes)];
        for (int i = 0; i < blocks.size(); i++) {
            bitmap[i >>> 3] |= (byte) (1 << (i & 7));
        }
        return new Result(root, List.copyOf(blocks), blocks.isEmpty() ? null : bitmap);
    }

    private static boolean hasChildren(Level l) {
        return l.children().get(0) >= 0;
    }

    private static int nodeBytes(List<byte[]> entries, boolean children) {
        int n = END_ENTRY + (children ? 8 : 0);
        for (byte[] e : entries) {
            n += e.length + (children ? 8 : 0);
        }
        return n;
    }

    private int rootSize(Level l) {
        return 0x20 + nodeBytes(l.entries(), hasChildren(l));
    }

    /** Packs a level into blocks; returns the level above (separators + children). */
    private Level pack(Level l) {
        boolean children = hasChildren(l);
        int extra = children ? 8 : 0;
        int capacity = blockSize - entriesStart();
        List<byte[]> up = new ArrayList<>();
        List<Long> upChildren = new ArrayList<>();
        List<byte[]> entries = l.entries();
        int i = 0;
        int n = entries.size();
        while (true) {
            int start = i;
            int used = END_ENTRY + extra;
            while (i < n && used + entries.get(i).length + extra <= capacity) {
                used += entries.get(i).length + extra;
                i++;
            }
            if (i == start && i < n) {
                throw new IllegalStateException("index entry of " + entries.get(i).length
                        + " bytes does not fit an index block of " + blockSize);
            }
            if (i < n && i + 1 == n && i - start >= 2) {
                i--;                                    // keep one entry for the last node
            }
            if (i >= n) {
                long vcn = writeBlock(new Level(entries.subList(start, n), l.children().subList(start, n + 1)));
                upChildren.add(vcn);
                break;
            }
            // entries[start, i) form a node whose end child is the separator's own child
            long vcn = writeBlock(new Level(entries.subList(start, i), l.children().subList(start, i + 1)));
            up.add(entries.get(i));
            upChildren.add(vcn);
            i++;
            if (i == n) {
                // separator was the last entry: the node after it is empty (end entry only)
                long last = writeBlock(new Level(List.of(), l.children().subList(n, n + 1)));
                upChildren.add(last);
                break;
            }
        }
        return new Level(up, upChildren);
    }

    private long writeBlock(Level l) {
        long vcn = (long) blocks.size() * vcnPerBlock;
        byte[] b = new byte[blockSize];
        LE.put32(b, 0, 0x58444E49);                    // "INDX"
        LE.put16(b, 0x04, 0x28);
        LE.put16(b, 0x06, blockSize / 512 + 1);
        LE.put64(b, 0x10, vcn);
        int start = entriesStart();
        writeNode(b, BLOCK_HEADER, start - BLOCK_HEADER, l);
        LE.put32(b, BLOCK_HEADER + 0x08, blockSize - BLOCK_HEADER);
        RecordImage.protect(b, 0, blockSize, 0x28);
        blocks.add(b);
        return vcn;
    }

    /** Writes a node header at {@code hdr} and its entries; returns the index length field. */
    private static int writeNode(byte[] b, int hdr, int entriesOff, Level l) {
        boolean children = hasChildren(l);
        LE.put32(b, hdr, entriesOff);
        int p = hdr + entriesOff;
        for (int i = 0; i < l.entries().size(); i++) {
            byte[] e = l.entries().get(i);
            System.arraycopy(e, 0, b, p, e.length);
            if (children) {
                LE.put16(b, p + 0x08, e.length + 8);
                LE.put16(b, p + 0x0C, LE.u16(e, 0x0C) | ENTRY_HAS_CHILD);
                LE.put64(b, p + e.length, l.children().get(i));
                p += e.length + 8;
            } else {
                p += e.length;
            }
        }
        int endLen = END_ENTRY + (children ? 8 : 0);
        LE.put16(b, p + 0x08, endLen);
        LE.put16(b, p + 0x0C, ENTRY_LAST | (children ? ENTRY_HAS_CHILD : 0));
        if (children) {
            LE.put64(b, p + END_ENTRY, l.children().get(l.entries().size()));
        }
        p += endLen;
        int len = p - hdr;
        LE.put32(b, hdr + 0x04, len);
        LE.put32(b, hdr + 0x08, len);                  // allocated = used (root); blocks overwrite
        b[hdr + 0x0C] = (byte) (children ? 1 : 0);
        return len;
    }

    /** A file-name index entry: {@code ref} of the file, key = the $FILE_NAME value. */
    static byte[] fileNameEntry(long ref, byte[] fileName) {
        int len = AttrBytes.align8(0x10 + fileName.length);
        byte[] e = new byte[len];
        LE.put64(e, 0, ref);
        LE.put16(e, 0x08, len);
        LE.put16(e, 0x0A, fileName.length);
        System.arraycopy(fileName, 0, e, 0x10, fileName.length);
        return e;
    }

    /** A view-index entry (data follows the key) as $SII, $SDH, $O and $R use. */
    static byte[] viewEntry(byte[] key, byte[] data) {
        int dataOff = 0x10 + key.length;
        int len = AttrBytes.align8(dataOff + data.length);
        byte[] e = new byte[len];
        LE.put16(e, 0x00, dataOff);
        LE.put16(e, 0x02, data.length);
        LE.put16(e, 0x08, len);
        LE.put16(e, 0x0A, key.length);
        System.arraycopy(key, 0, e, 0x10, key.length);
        System.arraycopy(data, 0, e, dataOff, data.length);
        return e;
    }
}
