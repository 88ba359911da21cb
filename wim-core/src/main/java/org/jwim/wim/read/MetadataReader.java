package org.jwim.wim.read;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jwim.common.Warning;
import org.jwim.wim.WimFormatException;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.format.DentryRecord;
import org.jwim.wim.format.SecurityBlock;
import org.jwim.wim.format.StreamEntryRecord;
import org.jwim.wim.internal.Limits;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.SecurityDescriptors;
import org.jwim.wim.model.StreamKind;
import org.jwim.wim.model.StreamRef;

/**
 * Turns an uncompressed metadata resource into an {@link ImageTree}. Walks the child lists
 * with an explicit stack; rejects cycles, unsafe names and duplicate names.
 */
public final class MetadataReader {
    private final byte[] meta;
    private final BlobTable blobs;
    private final Consumer<Warning> warnings;
    private final Map<Long, List<Inode>> linkGroups = new HashMap<>();
    private int securityCount;

    private record Pending(Dentry dir, long listOffset, int depth) {
    }

    private MetadataReader(byte[] meta, BlobTable blobs, Consumer<Warning> warnings) {
        this.meta = meta;
        this.blobs = blobs;
        this.warnings = warnings;
    }

    /**
     * Parses {@code meta}. Offsets in exceptions are relative to the start of the uncompressed
     * metadata resource.
     */
    public static ImageTree read(byte[] meta, BlobTable blobs, Consumer<Warning> warnings)
            throws WimFormatException {
        return new MetadataReader(meta, blobs, warnings).parse();
    }

    private ImageTree parse() throws WimFormatException {
        SecurityBlock sb = SecurityBlock.read(meta, meta.length);
        SecurityDescriptors security = new SecurityDescriptors();
        for (byte[] d : sb.descriptors()) {
            security.addVerbatim(d);
        }
        securityCount = security.size();
        int rootOff = sb.length();
        if (DentryRecord.isEndMarker(meta, rootOff, meta.length)) {
            return new ImageTree(new Dentry("", new Inode(Inode.ATTR_DIRECTORY)), security);
        }
        DentryRecord rootRec = DentryRecord.read(meta, rootOff, meta.length).dentry();
        if ((rootRec.attributes() & Inode.ATTR_DIRECTORY) == 0) {
            throw new WimFormatException(rootOff, "the root dentry is not a directory");
        }
        Dentry root = new Dentry("", newInode(rootRec, () -> "/", rootOff));
        Set<Long> visited = new HashSet<>();
        ArrayDeque<Pending> stack = new ArrayDeque<>();
        if (rootRec.subdirOffset() != 0 && root.inode().hasChildren()) {
            stack.push(new Pending(root, rootRec.subdirOffset(), 1));
        }
        while (!stack.isEmpty()) {
            Pending p = stack.pop();
            if (p.depth > Limits.MAX_TREE_DEPTH) {
                throw new WimFormatException(p.listOffset, "directory tree deeper than "
                        + Limits.MAX_TREE_DEPTH + " levels at " + p.dir.path());
            }
            if (!visited.add(p.listOffset)) {
                throw new WimFormatException(p.listOffset, "cyclic directory structure: the child"
                        + " list of " + p.dir.path() + " was already read");
            }
            readList(p, stack);
        }
        return new ImageTree(root, security);
    }

    private void readList(Pending p, ArrayDeque<Pending> stack) throws WimFormatException {
        if (p.listOffset < 0 || p.listOffset > meta.length - 8 || (p.listOffset & 7) != 0) {
            throw new WimFormatException(p.listOffset, "child list of " + p.dir.path()
                    + " is at an invalid offset (metadata size " + meta.length + ")");
        }
        int off = (int) p.listOffset;
        Set<String> names = new HashSet<>();
        while (!DentryRecord.isEndMarker(meta, off, meta.length)) {
            DentryRecord.Parsed parsed = DentryRecord.read(meta, off, meta.length);
            DentryRecord rec = parsed.dentry();
            String name = rec.name();
            checkName(name, p.dir, off);
            if (!names.add(name)) {
                throw new WimFormatException(off, "duplicate name '" + name + "' in " + p.dir.path());
            }
            Dentry parent = p.dir;
            Supplier<String> path = () -> (parent.parent() == null ? "/" : parent.path() + "/") + name;
            Inode inode = linkedInode(rec, path, off);
            Dentry d = new Dentry(name, inode).shortName(rec.shortName());
            p.dir.add(d);
            if (inode.hasChildren() && rec.subdirOffset() != 0) {
                stack.push(new Pending(d, rec.subdirOffset(), p.depth + 1));
            }
            off += parsed.totalLength();
        }
    }

    private static void checkName(String name, Dentry dir, int off) throws WimFormatException {
        String why = null;
        if (name.isEmpty()) {
            why = "is empty";
        } else if (name.equals(".") || name.equals("..")) {
            why = "is a relative path component";
        } else if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            why = "contains a path separator";
        } else if (name.indexOf('\0') >= 0) {
            why = "contains NUL";
        }
        if (why != null) {
            throw new WimFormatException(off, "unsafe dentry name '" + name.replace('\0', '?')
                    + "' in " + dir.path() + ": the name " + why);
        }
    }

    /** The inode for a dentry, shared with earlier dentries of its hard-link group. */
    private Inode linkedInode(DentryRecord rec, Supplier<String> path, int off) {
        boolean reparse = (rec.attributes() & Inode.ATTR_REPARSE_POINT) != 0;
        boolean dir = (rec.attributes() & Inode.ATTR_DIRECTORY) != 0;
        long group = rec.linkOrReparse();
        if (reparse || dir || group == 0) {
            return newInode(rec, path, off);
        }
        Inode created = newInode(rec, path, off);
        StreamRef data = created.unnamedData();
        Sha1 dataHash = data == null ? Sha1.ZERO : data.hash();
        List<Inode> members = linkGroups.computeIfAbsent(group, g -> new ArrayList<>(1));
        for (Inode candidate : members) {
            StreamRef cd = candidate.unnamedData();
            if ((cd == null ? Sha1.ZERO : cd.hash()).equals(dataHash)) {
                return candidate;
            }
        }
        members.add(created);
        return created;
    }

    /** {@code path} is computed only for warnings: building it for every dentry is quadratic. */
    private Inode newInode(DentryRecord rec, Supplier<String> path, int off) {
        Inode inode = new Inode(rec.attributes());
        int sid = rec.securityId();
        if (sid < -1 || sid >= securityCount) {
            warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                    "security id " + sid + " of " + path.get() + " (metadata offset " + off
                    + ") is out of range; treated as none"));
            sid = -1;
        }
        inode.securityId(sid).times(rec.creationTime(), rec.lastAccessTime(), rec.lastWriteTime());
        if (inode.isReparsePoint()) {
            long v = rec.linkOrReparse();
            inode.reparse((int) v, (int) (v >>> 32), (int) (v >>> 48));
        } else {
            inode.storedLinkGroup(rec.linkOrReparse());
        }
        inode.taggedItems(rec.taggedItems());
        assignStreams(inode, rec, path);
        return inode;
    }

    /** Tolerant stream-type assignment, as wimlib reads WIMs from any writer. */
    private void assignStreams(Inode inode, DentryRecord rec, Supplier<String> path) {
        List<StreamEntryRecord> unnamed = new ArrayList<>();
        unnamed.add(new StreamEntryRecord(rec.mainHash(), ""));
        for (StreamEntryRecord s : rec.streams()) {
            if (s.name().isEmpty()) {
                unnamed.add(s);
            } else if (inode.stream(StreamKind.DATA, s.name()) == null) {
                inode.addStream(ref(StreamKind.DATA, s.name(), s.hash(), path));
            }
        }
        boolean encrypted = (inode.attributes() & Inode.ATTR_ENCRYPTED) != 0;
        if (encrypted) {
            for (StreamEntryRecord s : unnamed) {
                if (!s.hash().isZero()) {
                    inode.addStream(ref(StreamKind.EFS, "", s.hash(), path));
                    break;
                }
            }
            return;
        }
        boolean needReparse = inode.isReparsePoint();
        boolean needData = !inode.isDirectory();
        for (int i = 0; i < unnamed.size() && (needReparse || needData); i++) {
            Sha1 h = unnamed.get(i).hash();
            if (i == 0 && h.isZero()) {
                continue;
            }
            if (needReparse) {
                inode.addStream(ref(StreamKind.REPARSE, "", h, path));
                needReparse = false;
            } else {
                inode.addStream(ref(StreamKind.DATA, "", h, path));
                needData = false;
            }
        }
        if (needReparse) {
            inode.addStream(StreamRef.empty(StreamKind.REPARSE, ""));
        }
        if (needData) {
            inode.addStream(StreamRef.empty(StreamKind.DATA, ""));
        }
    }

    private StreamRef ref(StreamKind kind, String name, Sha1 hash, Supplier<String> path) {
        if (hash.isZero()) {
            return StreamRef.empty(kind, name);
        }
        BlobLocation loc = blobs.find(hash);
        if (loc == null) {
            warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                    "blob " + hash + " of " + path.get() + (name.isEmpty() ? "" : ":" + name)
                    + " is missing from the WIM"));
            return StreamRef.ofBlob(kind, name, 0, hash);
        }
        return StreamRef.ofBlob(kind, name, loc.size(), hash);
    }
}
