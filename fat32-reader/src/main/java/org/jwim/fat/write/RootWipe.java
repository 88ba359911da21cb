package org.jwim.fat.write;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jwim.fat.FatType;
import org.jwim.fat.format.Bpb;
import org.jwim.fat.format.LongNameAssembler;
import org.jwim.fat.format.ShortEntry;

/**
 * Plans the wipe of a volume: reads the root directory, keeps the volume label and the
 * protected entries (their LFN and short entries copied byte for byte), marks the clusters
 * of the root and of every protected subtree as kept and frees all others in the in-memory
 * FAT. Subtrees are walked with an explicit stack and a visited set, so cycles on a damaged
 * volume end the walk. Used once by {@link FatWriter}.
 */
final class RootWipe {
    private final FatDirectory root;
    private final WipeResult result;

    RootWipe(FatWriter w, Collection<String> protect) throws IOException {
        Bpb bpb = w.bpb();
        FatAllocator fat = w.fat();
        Set<String> keys = new HashSet<>();
        for (String p : protect) {
            keys.add(FatNames.key(p));
        }
        BitSet keep = w.newClusterSet();
        byte[] content;
        FatDirectory dir;
        int cs = bpb.clusterSize();
        if (bpb.type() == FatType.FAT32) {
            int[] chain = fat.walk(bpb.rootCluster(), FatDirectory.MAX_BYTES / cs + 1, keep);
            if (chain.length == 0) {
                throw new org.jwim.fat.FatFormatException("root cluster " + bpb.rootCluster()
                        + " is free, bad or out of range");
            }
            content = readChain(w, chain);
            dir = new FatDirectory("/", chain, FatDirectory.MAX_BYTES);
        } else {
            content = w.read(bpb.rootDirOffset(), (int) bpb.rootDirBytes());
            dir = new FatDirectory("/", new int[0], bpb.rootDirBytes());
        }
        List<String> kept = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<Long> keptDirs = new ArrayList<>();
        LongNameAssembler lfn = new LongNameAssembler();
        boolean fat32 = bpb.type() == FatType.FAT32;
        Charset oem = StandardCharsets.ISO_8859_1;
        int runStart = -1;
        for (int off = 0; off + 32 <= content.length; off += 32) {
            int first = content[off] & 0xFF;
            if (first == ShortEntry.END_MARKER) {
                break;
            }
            if (first == ShortEntry.DELETED) {
                lfn.reset();
                runStart = -1;
                continue;
            }
            int attr = content[off + 11] & 0xFF;
            if ((attr & 0x3F) == ShortEntry.ATTR_LONG_NAME) {
                if ((first & 0x40) != 0) {
                    runStart = off;
                }
                if (lfn.add(content, off) != null) {
                    runStart = (first & 0x40) != 0 ? off : -1;
                }
                continue;
            }
            ShortEntry e = ShortEntry.read(content, off, oem, fat32);
            String longName = lfn.inProgress() ? lfn.complete(e.checksum()) : null;
            lfn.reset();
            int from = longName != null && runStart >= 0 ? runStart : off;
            runStart = -1;
            if ((attr & ShortEntry.ATTR_VOLUME_ID) != 0) {
                dir.appendRaw(content, off, 32); // the label stays; its stray LFN entries do not
                continue;
            }
            String shortName = e.storedName();
            String shown = longName != null ? longName : e.displayName();
            if (shortName.equals(".") || shortName.equals("..")) {
                continue;
            }
            if (keys.contains(FatNames.key(shortName)) || keys.contains(FatNames.key(shown))) {
                dir.appendRaw(content, from, off + 32 - from);
                dir.reserve(shortName);
                dir.reserve(shown);
                kept.add(shown);
                fat.walk(e.firstCluster(), fat.maxCluster(), keep);
                if (e.isDirectory()) {
                    keptDirs.add(e.firstCluster());
                }
            } else {
                removed.add(shown);
            }
        }
        keepSubtrees(w, keptDirs, keep, fat32);
        fat.freeAllExcept(keep);
        this.root = dir;
        this.result = new WipeResult(kept, removed, keep.cardinality(), fat.freeCount());
    }

    /** Marks every cluster below the kept directories (already marked themselves). */
    private static void keepSubtrees(FatWriter w, List<Long> dirs, BitSet keep, boolean fat32)
            throws IOException {
        FatAllocator fat = w.fat();
        BitSet scanned = w.newClusterSet();
        ArrayDeque<Long> stack = new ArrayDeque<>(dirs);
        int limit = FatDirectory.MAX_BYTES / w.clusterSize() + 1;
        while (!stack.isEmpty()) {
            long first = stack.pop();
            if (first < 2 || first > fat.maxCluster() || scanned.get((int) first)) {
                continue;
            }
            int[] chain = fat.walk(first, limit, scanned);
            for (int c : chain) {
                keep.set(c);
            }
            byte[] content = readChain(w, chain);
            for (int off = 0; off + 32 <= content.length; off += 32) {
                int b0 = content[off] & 0xFF;
                if (b0 == ShortEntry.END_MARKER) {
                    break;
                }
                int attr = content[off + 11] & 0xFF;
                if (b0 == ShortEntry.DELETED || (attr & 0x3F) == ShortEntry.ATTR_LONG_NAME
                        || (attr & ShortEntry.ATTR_VOLUME_ID) != 0 || b0 == '.') {
                    continue;
                }
                ShortEntry e = ShortEntry.read(content, off, StandardCharsets.ISO_8859_1, fat32);
                fat.walk(e.firstCluster(), fat.maxCluster(), keep);
                if (e.isDirectory()) {
                    stack.push(e.firstCluster());
                }
            }
        }
    }

    static byte[] readChain(FatWriter w, int[] chain) throws IOException {
        int cs = w.clusterSize();
        byte[] b = new byte[chain.length * cs];
        for (int i = 0; i < chain.length; i++) {
            System.arraycopy(w.read(w.clusterOffset(chain[i]), cs), 0, b, i * cs, cs);
        }
        return b;
    }

    FatDirectory root() {
        return root;
    }

    WipeResult result() {
        return result;
    }
}
