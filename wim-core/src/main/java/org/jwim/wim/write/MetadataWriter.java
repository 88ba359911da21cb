package org.jwim.wim.write;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.format.DentryRecord;
import org.jwim.wim.format.SecurityBlock;
import org.jwim.wim.format.StreamEntryRecord;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.StreamKind;
import org.jwim.wim.model.StreamRef;

/**
 * Encodes an image tree as a metadata resource: security data, the root dentry and its end
 * marker, then every directory's child list in depth-first pre-order, children sorted by name
 * case-insensitively and then by code unit. All stream hashes must be resolved.
 */
public final class MetadataWriter {
    /** Sort order wimlib and NTFS use for names in a directory. */
    public static final Comparator<Dentry> NAME_ORDER = (a, b) -> {
        int c = compareIgnoreCase(a.name(), b.name());
        return c != 0 ? c : a.name().compareTo(b.name());
    };

    private MetadataWriter() {
    }

    static int compareIgnoreCase(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) { // names in a directory often share a long prefix: no case mapping there
                x = Character.toUpperCase(x);
                y = Character.toUpperCase(y);
                if (x != y) {
                    return x - y;
                }
            }
        }
        return a.length() - b.length();
    }

    public static byte[] encode(ImageTree tree) {
        byte[] security = SecurityBlock.encode(tree.security().all());
        Map<Inode, Long> groups = linkGroups(tree.root());
        Map<Dentry, Long> listOffsets = new IdentityHashMap<>();
        // Each directory's sorted children and their records, built once: the first pass
        // needs their lengths, the second writes them once subdir offsets are known.
        List<List<Dentry>> lists = new ArrayList<>();
        List<List<DentryRecord>> records = new ArrayList<>();
        DentryRecord rootRec = record(tree.root(), groups, 0);
        long next = security.length + rootRec.encodedLength() + 8L;
        ArrayDeque<Dentry> stack = new ArrayDeque<>();
        stack.push(tree.root());
        while (!stack.isEmpty()) {
            Dentry dir = stack.pop();
            List<Dentry> kids = sorted(dir);
            List<DentryRecord> recs = new ArrayList<>(kids.size());
            listOffsets.put(dir, next);
            for (Dentry k : kids) {
                DentryRecord r = record(k, groups, 0);
                recs.add(r);
                next += r.encodedLength();
            }
            lists.add(kids);
            records.add(recs);
            next += 8;
            for (int i = kids.size() - 1; i >= 0; i--) {
                if (kids.get(i).inode().hasChildren()) {
                    stack.push(kids.get(i));
                }
            }
        }
        byte[] out = new byte[Math.toIntExact(next)];
        System.arraycopy(security, 0, out, 0, security.length);
        int p = security.length;
        p += rootRec.withSubdirOffset(listOffsets.get(tree.root())).write(out, p);
        p += 8;
        for (int d = 0; d < lists.size(); d++) {
            List<Dentry> kids = lists.get(d);
            List<DentryRecord> recs = records.get(d);
            for (int i = 0; i < kids.size(); i++) {
                Dentry k = kids.get(i);
                DentryRecord r = k.inode().hasChildren() ? recs.get(i).withSubdirOffset(listOffsets.get(k))
                        : recs.get(i);
                p += r.write(out, p);
            }
            p += 8;
        }
        return out;
    }

    private static List<Dentry> sorted(Dentry dir) {
        List<Dentry> kids = new ArrayList<>(dir.children());
        kids.sort(NAME_ORDER);
        return kids;
    }

    /** A nonzero group id for each inode with several dentries. */
    private static Map<Inode, Long> linkGroups(Dentry root) {
        Map<Inode, Long> groups = new IdentityHashMap<>();
        ArrayDeque<Dentry> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Dentry d = stack.pop();
            Inode in = d.inode();
            if (in.dentries().size() > 1 && !in.isReparsePoint() && !in.isDirectory()) {
                groups.putIfAbsent(in, (long) groups.size() + 1);
            }
            for (Dentry c : d.children()) {
                stack.push(c);
            }
        }
        return groups;
    }

    static DentryRecord record(Dentry d, Map<Inode, Long> groups, long subdirOffset) {
        Inode in = d.inode();
        Sha1 main = plainHash(in, d);
        List<StreamEntryRecord> entries = List.of();
        if (main == null) {
            entries = new ArrayList<>();
            main = streamLayout(in, entries, d);
        }
        long link;
        if (in.isReparsePoint()) {
            link = (in.reparseTag() & 0xFFFF_FFFFL) | ((long) in.reparseReserved() << 32)
                    | ((long) in.reparseFlags() << 48);
        } else {
            link = groups.getOrDefault(in, 0L);
        }
        return new DentryRecord(in.attributes(), in.securityId(), subdirOffset,
                in.creationTime(), in.lastAccessTime(), in.lastWriteTime(), main, 0, link,
                d.name(), d.shortName(), in.taggedItems(), entries);
    }

    /**
     * The main hash of an inode that is neither encrypted nor a reparse point and has no named
     * data stream (most of them), which has no stream entries; null for the others. What
     * {@link #streamLayout} gives it, without its three lists per dentry.
     */
    private static Sha1 plainHash(Inode in, Dentry d) {
        if ((in.attributes() & Inode.ATTR_ENCRYPTED) != 0 || in.isReparsePoint()) {
            return null;
        }
        StreamRef data = null;
        for (StreamRef s : in.streams()) {
            if (s.kind() == StreamKind.DATA) {
                if (!s.name().isEmpty()) {
                    return null;
                }
                data = data == null ? s : data;
            }
        }
        return in.isDirectory() || data == null ? Sha1.ZERO : hash(data, d);
    }

    /** Applies the stream placement rules of wimlib 1.14.2+ (which match DISM); returns the main hash. */
    private static Sha1 streamLayout(Inode in, List<StreamEntryRecord> entries, Dentry d) {
        List<StreamEntryRecord> unnamed = new ArrayList<>();
        List<StreamEntryRecord> named = new ArrayList<>();
        if ((in.attributes() & Inode.ATTR_ENCRYPTED) != 0) {
            StreamRef efs = in.stream(StreamKind.EFS, "");
            if (efs != null) {
                unnamed.add(new StreamEntryRecord(hash(efs, d), ""));
            }
        } else {
            if (in.isReparsePoint()) {
                StreamRef rp = in.stream(StreamKind.REPARSE, "");
                unnamed.add(new StreamEntryRecord(rp == null ? Sha1.ZERO : hash(rp, d), ""));
            }
            if (!in.isDirectory()) {
                StreamRef data = in.unnamedData();
                unnamed.add(new StreamEntryRecord(data == null ? Sha1.ZERO : hash(data, d), ""));
            }
            for (StreamRef s : in.streams()) {
                if (s.kind() == StreamKind.DATA && !s.name().isEmpty()) {
                    named.add(new StreamEntryRecord(hash(s, d), s.name()));
                }
            }
        }
        if (unnamed.size() == 1 && named.isEmpty()) {
            return unnamed.get(0).hash();
        }
        entries.addAll(unnamed);
        entries.addAll(named);
        return Sha1.ZERO;
    }

    private static Sha1 hash(StreamRef s, Dentry d) {
        if (s.hash() == null) {
            throw new IllegalStateException("stream " + s + " of " + d.path() + " was never written");
        }
        return s.hash();
    }
}
