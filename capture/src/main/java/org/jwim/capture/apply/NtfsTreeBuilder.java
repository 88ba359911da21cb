package org.jwim.capture.apply;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jwim.capture.CaptureException;
import org.jwim.capture.internal.ExtendedAttributes;
import org.jwim.common.Warning;
import org.jwim.ntfs.write.NtfsData;
import org.jwim.ntfs.write.NtfsNode;
import org.jwim.ntfs.write.NtfsWriter;
import org.jwim.wim.WimFormatException;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.StreamKind;
import org.jwim.wim.model.StreamRef;
import org.jwim.wim.model.TaggedItems;

/**
 * Creates an image's directories, files, links and metadata in an {@link NtfsWriter} and
 * collects, per blob, the streams its bytes go to. Entries the writer refuses (invalid or
 * clashing names) and encrypted files are reported and skipped. Not thread-safe.
 */
final class NtfsTreeBuilder {
    private static final int MAX_REPARSE_DATA = 16 * 1024;

    private final NtfsWriter w;
    private final ImageTree tree;
    private final BlobOpener blobs;
    private final Predicate<Dentry> keeps;
    private final Consumer<Warning> warn;
    private final FeatureTally tally;
    private final Map<Sha1, List<NtfsData>> byBlob = new LinkedHashMap<>();
    private final Map<Sha1, String> firstPath = new LinkedHashMap<>();
    private final Map<Inode, NtfsNode> made = new IdentityHashMap<>();
    private long directories;
    private long files;
    private long hardLinks;
    private long reparsePoints;
    private long compressed;

    NtfsTreeBuilder(NtfsWriter w, ImageTree tree, BlobOpener blobs, Predicate<Dentry> keeps,
            Consumer<Warning> warn, FeatureTally tally) {
        this.w = w;
        this.tally = tally;
        this.tree = tree;
        this.blobs = blobs;
        this.keeps = keeps;
        this.warn = warn;
    }

    void build() throws IOException {
        Dentry rootDentry = tree.root();
        Inode rootInode = rootDentry.inode();
        w.setMeta(w.root(), NtfsVolumeTarget.meta(rootInode));
        metadata(rootDentry, w.root());
        record Work(Dentry dentry, NtfsNode parent) {
        }
        Deque<Work> stack = new ArrayDeque<>();
        List<Dentry> top = rootDentry.children();
        for (int i = top.size() - 1; i >= 0; i--) {
            Dentry d = top.get(i);
            if (keeps.test(d)) {
                warn.accept(Protection.skipWarning(d));
                continue;
            }
            stack.push(new Work(d, w.root()));
        }
        while (!stack.isEmpty()) {
            Work k = stack.pop();
            Dentry d = k.dentry();
            Inode inode = d.inode();
            if ((inode.attributes() & Inode.ATTR_ENCRYPTED) != 0 || inode.stream(StreamKind.EFS, "") != null) {
                tally.drop(ApplyTarget.Feature.ENCRYPTION);
                warn.accept(new Warning(d.path(), Warning.Kind.UNSUPPORTED,
                        "encrypted (EFS) file not applied (raw EFS import is not implemented)"));
                continue;
            }
            String shortName = d.shortName() == null || d.shortName().isEmpty() ? null : d.shortName();
            NtfsNode node;
            try {
                NtfsNode existing = made.get(inode);
                if (existing != null && !inode.isDirectory()) {
                    w.link(k.parent(), d.name(), shortName, existing);
                    hardLinks++;
                    continue;
                }
                node = inode.isDirectory()
                        ? w.createDirectory(k.parent(), d.name(), shortName, NtfsVolumeTarget.meta(inode))
                        : w.createFile(k.parent(), d.name(), shortName, NtfsVolumeTarget.meta(inode));
            } catch (IllegalArgumentException e) {
                warn.accept(new Warning(d.path(), Warning.Kind.SKIPPED,
                        "cannot be stored on NTFS (" + e.getMessage() + "), skipped"));
                continue;
            }
            made.put(inode, node);
            if (inode.isDirectory()) {
                directories++;
            } else {
                files++;
            }
            if ((inode.attributes() & Inode.ATTR_COMPRESSED) != 0 && !inode.isDirectory()
                    && w.geometry().clusterSize() > NtfsWriter.MAX_COMPRESSED_CLUSTER) {
                compressed++;
            }
            metadata(d, node);
            List<Dentry> ch = d.children();
            for (int i = ch.size() - 1; i >= 0; i--) {
                stack.push(new Work(ch.get(i), node));
            }
        }
    }

    /** Security, reparse point, object id and data streams of one inode. */
    private void metadata(Dentry d, NtfsNode node) throws IOException {
        Inode inode = d.inode();
        int sid = inode.securityId();
        if (sid >= 0 && sid < tree.security().size()) {
            try {
                w.setSecurityDescriptor(node, tree.security().get(sid));
            } catch (IllegalArgumentException e) {
                warn.accept(new Warning(d.path(), Warning.Kind.SKIPPED,
                        "security descriptor not applied (" + e.getMessage() + ")"));
            }
        }
        if (inode.isReparsePoint()) {
            reparsePoints++;
            byte[] data = reparseData(d);
            try {
                w.setReparsePoint(node, NtfsVolumeTarget.reparseBuffer(inode.reparseTag(), inode.reparseReserved(), data));
            } catch (IllegalArgumentException e) {
                warn.accept(new Warning(d.path(), Warning.Kind.SKIPPED,
                        "reparse point not applied (" + e.getMessage() + ")"));
            }
        }
        byte[] eaItem = TaggedItems.find(inode.taggedItems(), TaggedItems.TAG_EXTENDED_ATTRIBUTES);
        if (eaItem != null && eaItem.length > 0) {
            byte[] ea = ExtendedAttributes.toNtfs(eaItem);
            try {
                if (ea == null) {
                    throw new IllegalArgumentException("malformed EA item");
                }
                w.setExtendedAttributes(node, ea);
            } catch (IllegalArgumentException e) {
                warn.accept(new Warning(d.path(), Warning.Kind.SKIPPED,
                        "extended attributes not applied (" + e.getMessage() + ")"));
            }
        }
        byte[] objectId = objectId(inode.taggedItems());
        if (objectId != null) {
            w.setObjectId(node, objectId);
        }
        boolean sparse = (inode.attributes() & Inode.ATTR_SPARSE_FILE) != 0;
        boolean unnamed = false;
        for (StreamRef s : inode.streams()) {
            if (s.kind() != StreamKind.DATA || (inode.isDirectory() && s.name().isEmpty())) {
                continue;
            }
            unnamed |= s.name().isEmpty();
            NtfsData data;
            try {
                boolean lznt1 = (inode.attributes() & Inode.ATTR_COMPRESSED) != 0 && s.name().isEmpty();
                data = lznt1 ? w.addCompressedStream(node, s.name(), s.size()) : w.addStream(node, s.name(), s.size(), sparse);
            } catch (IllegalArgumentException e) {
                warn.accept(new Warning(d.path(), Warning.Kind.SKIPPED,
                        "stream '" + s.name() + "' not applied (" + e.getMessage() + ")"));
                continue;
            }
            if (s.size() > 0) {
                byBlob.computeIfAbsent(s.hash(), h -> new ArrayList<>()).add(data);
                firstPath.putIfAbsent(s.hash(), d.path() + (s.name().isEmpty() ? "" : ":" + s.name()));
            }
        }
        if (!inode.isDirectory() && !unnamed) {
            w.addStream(node, "", 0, false);
        }
    }

    private byte[] reparseData(Dentry d) throws IOException {
        StreamRef rp = d.inode().stream(StreamKind.REPARSE, "");
        if (rp == null || rp.size() == 0) {
            return new byte[0];
        }
        if (rp.size() > MAX_REPARSE_DATA) {
            throw new CaptureException(d.path() + ": reparse data of " + rp.size() + " bytes exceeds NTFS's 16 KiB");
        }
        try (InputStream in = blobs.open(rp.hash())) {
            byte[] data = in.readNBytes((int) rp.size() + 1);
            if (data.length != rp.size()) {
                throw new CaptureException(d.path() + ": reparse blob has " + data.length + " bytes, expected " + rp.size());
            }
            return data;
        } catch (WimFormatException e) {
            throw new CaptureException(d.path() + ": corrupt reparse data: " + e.getMessage(), e);
        }
    }

    /** The object id among the tagged items (16 or 64 bytes), or null. */
    static byte[] objectId(byte[] items) {
        byte[] id = TaggedItems.find(items, TaggedItems.TAG_OBJECT_ID);
        return id != null && (id.length == 16 || id.length == 64) ? id : null;
    }

    void summarize() {
        if (compressed > 0) {
            warn.accept(Warning.of(Warning.Kind.UNSUPPORTED,
                    compressed + " compressed file(s) written uncompressed (clusters over 4 KiB cannot be"
                    + " compressed; the compressed attribute is kept)"));
        }
        tally.report(warn);
    }

    Map<Sha1, List<NtfsData>> byBlob() {
        return byBlob;
    }

    Map<Sha1, String> firstPath() {
        return firstPath;
    }

    long directories() {
        return directories;
    }

    long files() {
        return files;
    }

    long hardLinks() {
        return hardLinks;
    }

    long reparsePoints() {
        return reparsePoints;
    }
}
