package org.jwim.wim.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jwim.common.Filetime;

/**
 * A file: attributes, times, security, streams and opaque tagged items. Every dentry of the
 * inode (hard links) shares this object.
 */
public final class Inode {
    /** FILE_ATTRIBUTE_* bits used by jwim. */
    public static final int ATTR_READONLY = 0x1;
    public static final int ATTR_HIDDEN = 0x2;
    public static final int ATTR_SYSTEM = 0x4;
    public static final int ATTR_DIRECTORY = 0x10;
    public static final int ATTR_ARCHIVE = 0x20;
    public static final int ATTR_NORMAL = 0x80;
    public static final int ATTR_SPARSE_FILE = 0x200;
    public static final int ATTR_REPARSE_POINT = 0x400;
    public static final int ATTR_COMPRESSED = 0x800;
    public static final int ATTR_ENCRYPTED = 0x4000;

    /** Reparse dentry flag: the target was stored as captured, not rewritten ("rpfix"). */
    public static final int RP_FLAG_NOT_FIXED = 0x0001;
    public static final int TAG_SYMLINK = 0xA000000C;
    public static final int TAG_MOUNT_POINT = 0xA0000003;

    private int attributes;
    private int securityId = -1;
    private long creationTime;
    private long lastAccessTime;
    private long lastWriteTime;
    private int reparseTag;
    private int reparseReserved;
    private int reparseFlags;
    private byte[] taggedItems = new byte[0];
    private long storedLinkGroup;
    private final List<StreamRef> streams = new ArrayList<>();
    private final List<Dentry> dentries = new ArrayList<>(1);

    public Inode(int attributes) {
        this.attributes = attributes;
    }

    public int attributes() {
        return attributes;
    }

    public Inode attributes(int value) {
        this.attributes = value;
        return this;
    }

    public boolean isDirectory() {
        return (attributes & ATTR_DIRECTORY) != 0;
    }

    public boolean isReparsePoint() {
        return (attributes & ATTR_REPARSE_POINT) != 0;
    }

    /** A directory whose children are stored (not a directory reparse point). */
    public boolean hasChildren() {
        return isDirectory() && !isReparsePoint();
    }

    /** Index into the image's security descriptors, or -1 for none. */
    public int securityId() {
        return securityId;
    }

    public Inode securityId(int value) {
        this.securityId = value;
        return this;
    }

    /** Creation time, FILETIME (100 ns since 1601 UTC, read as unsigned). */
    public long creationTime() {
        return creationTime;
    }

    /** Last access time, FILETIME (100 ns since 1601 UTC, read as unsigned). */
    public long lastAccessTime() {
        return lastAccessTime;
    }

    /** Last write time, FILETIME (100 ns since 1601 UTC, read as unsigned). */
    public long lastWriteTime() {
        return lastWriteTime;
    }

    /** {@link #creationTime()} as an instant, to the full 100 ns. */
    public Instant creationInstant() {
        return Filetime.toInstant(creationTime);
    }

    /** {@link #lastAccessTime()} as an instant, to the full 100 ns. */
    public Instant lastAccessInstant() {
        return Filetime.toInstant(lastAccessTime);
    }

    /** {@link #lastWriteTime()} as an instant, to the full 100 ns. */
    public Instant lastWriteInstant() {
        return Filetime.toInstant(lastWriteTime);
    }

    /** Sets the three FILETIMEs (100 ns since 1601 UTC). */
    public Inode times(long creation, long lastAccess, long lastWrite) {
        this.creationTime = creation;
        this.lastAccessTime = lastAccess;
        this.lastWriteTime = lastWrite;
        return this;
    }

    public int reparseTag() {
        return reparseTag;
    }

    /** The Reserved u16 of the reparse buffer header. */
    public int reparseReserved() {
        return reparseReserved;
    }

    /** wimlib/WIMGAPI reparse flags, see {@link #RP_FLAG_NOT_FIXED}. */
    public int reparseFlags() {
        return reparseFlags;
    }

    public Inode reparse(int tag, int reserved, int flags) {
        this.reparseTag = tag;
        this.reparseReserved = reserved & 0xFFFF;
        this.reparseFlags = flags & 0xFFFF;
        return this;
    }

    /** Opaque tagged items (object id, EAs, UNIX data ...), 8-byte aligned, kept verbatim. */
    public byte[] taggedItems() {
        return taggedItems;
    }

    public Inode taggedItems(byte[] items) {
        this.taggedItems = items.clone();
        return this;
    }

    /**
     * The hard-link group id the WIM stored for this inode (0 when none, or for a reparse point,
     * whose dentry holds reparse data there); wimlib shows it as the "Link Group ID".
     */
    public long storedLinkGroup() {
        return storedLinkGroup;
    }

    public Inode storedLinkGroup(long id) {
        this.storedLinkGroup = id;
        return this;
    }

    public List<StreamRef> streams() {
        return streams;
    }

    public Inode addStream(StreamRef stream) {
        streams.add(stream);
        return this;
    }

    /** The stream of that kind and name, or null. */
    public StreamRef stream(StreamKind kind, String name) {
        for (StreamRef s : streams) {
            if (s.kind() == kind && s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** The unnamed data stream, or null. */
    public StreamRef unnamedData() {
        return stream(StreamKind.DATA, "");
    }

    /** The names of this inode; more than one means hard links. */
    public List<Dentry> dentries() {
        return Collections.unmodifiableList(dentries);
    }

    /** Number of names, without the list view {@link #dentries()} makes. */
    int linkCount() {
        return dentries.size();
    }

    void link(Dentry d) {
        dentries.add(d);
    }

    void unlink(Dentry d) {
        dentries.remove(d);
    }

    /** Sum of the sizes of all streams, in bytes. */
    public long streamBytes() {
        long total = 0;
        for (StreamRef s : streams) {
            total += s.size();
        }
        return total;
    }
}
