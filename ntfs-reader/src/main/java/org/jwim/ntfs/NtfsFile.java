package org.jwim.ntfs;

import java.util.List;

/**
 * One file or directory of the volume (an inode: a base MFT record plus its extension records).
 * Immutable and thread-safe. Times are Windows FILETIMEs (100 ns units since 1601-01-01 UTC),
 * exactly as stored in $STANDARD_INFORMATION.
 */
public final class NtfsFile {
    /** FILE_ATTRIBUTE_* bits used by this reader. */
    public static final int ATTRIBUTE_READONLY = 0x0001;
    public static final int ATTRIBUTE_HIDDEN = 0x0002;
    public static final int ATTRIBUTE_SYSTEM = 0x0004;
    public static final int ATTRIBUTE_DIRECTORY = 0x0010;
    public static final int ATTRIBUTE_ARCHIVE = 0x0020;
    public static final int ATTRIBUTE_SPARSE_FILE = 0x0200;
    public static final int ATTRIBUTE_REPARSE_POINT = 0x0400;
    public static final int ATTRIBUTE_COMPRESSED = 0x0800;
    public static final int ATTRIBUTE_ENCRYPTED = 0x4000;

    private final long recordNumber;
    private final int sequenceNumber;
    private final boolean directory;
    private final int attributes;
    private final long creationTime;
    private final long lastWriteTime;
    private final long changeTime;
    private final long lastAccessTime;
    private final int securityId;
    private final byte[] ownSecurityDescriptor;
    private final SecurityTable securityTable;
    private final List<FileNameInfo> names;
    private final List<NtfsStream> streams;
    private final int reparseTag;
    private final byte[] reparseData;
    /** Completed to 64 bytes from $ObjId while the volume is opened, then never changed. */
    private byte[] objectId;
    private final byte[] extendedAttributes;
    /** $STANDARD_INFORMATION's update sequence number, set once by the assembler; 0 when none. */
    private long usn;

    NtfsFile(long recordNumber, int sequenceNumber, boolean directory, int attributes, long[] times,
            int securityId, byte[] ownSecurityDescriptor, SecurityTable securityTable,
            List<FileNameInfo> names, List<NtfsStream> streams, int reparseTag, byte[] reparseData,
            byte[] objectId, byte[] extendedAttributes) {
        this.recordNumber = recordNumber;
        this.sequenceNumber = sequenceNumber;
        this.directory = directory;
        this.attributes = attributes;
        this.creationTime = times[0];
        this.lastWriteTime = times[1];
        this.changeTime = times[2];
        this.lastAccessTime = times[3];
        this.securityId = securityId;
        this.ownSecurityDescriptor = ownSecurityDescriptor;
        this.securityTable = securityTable;
        this.names = List.copyOf(names);
        this.streams = List.copyOf(streams);
        this.reparseTag = reparseTag;
        this.reparseData = reparseData;
        this.objectId = objectId;
        this.extendedAttributes = extendedAttributes;
    }

    /** MFT record number of the base record (the inode number; root directory = 5). */
    public long recordNumber() {
        return recordNumber;
    }

    /** Sequence number of the base record. */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    public boolean isDirectory() {
        return directory;
    }

    /**
     * FILE_ATTRIBUTE_* flags from $STANDARD_INFORMATION (READONLY, HIDDEN, SYSTEM, ARCHIVE,
     * SPARSE_FILE, REPARSE_POINT, COMPRESSED, ENCRYPTED, ...), with {@link #ATTRIBUTE_DIRECTORY}
     * added for directories and NTFS-internal index flags (0x10000000, 0x20000000) removed.
     */
    public int attributes() {
        return attributes;
    }

    /** Creation time, FILETIME (100 ns since 1601). */
    public long creationTime() {
        return creationTime;
    }

    /** Last data modification time, FILETIME. */
    public long lastWriteTime() {
        return lastWriteTime;
    }

    /** Last MFT record change time, FILETIME. */
    public long changeTime() {
        return changeTime;
    }

    /**
     * The update sequence number of the file's last change journal record, from
     * $STANDARD_INFORMATION (NTFS 3.0+); 0 when the volume keeps no journal or the attribute is
     * the short NTFS 1.2 form.
     */
    public long usn() {
        return usn;
    }

    void usn(long value) {
        this.usn = value;
    }

    /** Last access time, FILETIME. */
    public long lastAccessTime() {
        return lastAccessTime;
    }

    /** Security id into $Secure, 0 when the file has none (old-style or no descriptor). */
    public int securityId() {
        return securityId;
    }

    /**
     * The self-relative security descriptor (a copy): the file's own $SECURITY_DESCRIPTOR
     * attribute if it has one, else the $Secure entry of {@link #securityId()}, else null.
     */
    public byte[] securityDescriptor() {
        if (ownSecurityDescriptor != null) {
            return ownSecurityDescriptor.clone();
        }
        byte[] sd = securityTable.get(securityId);
        return sd == null ? null : sd.clone();
    }

    /** Number of long (Win32, POSIX or Win32+DOS) names, i.e. hard links, as stored in the record. */
    public int linkCount() {
        int n = 0;
        for (FileNameInfo name : names) {
            if (name.namespace() != FileNameInfo.NAMESPACE_DOS) {
                n++;
            }
        }
        return n;
    }

    /** Data streams: the unnamed stream (if any) first, then named streams by name (ordinal). */
    public List<NtfsStream> streams() {
        return streams;
    }

    /** The stream with this name ("" = unnamed), or null. */
    public NtfsStream stream(String name) {
        for (NtfsStream s : streams) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    public boolean isReparsePoint() {
        return reparseData != null;
    }

    /** Reparse tag (e.g. 0xA000000C symlink, 0xA0000003 mount point), 0 when none. */
    public int reparseTag() {
        return reparseTag;
    }

    /** Reparse data after the 8-byte header (tag, length, reserved), a copy; null when none. */
    public byte[] reparseData() {
        return reparseData == null ? null : reparseData.clone();
    }

    /**
     * The 64-byte FILE_OBJECTID_BUFFER (object GUID, birth volume id, birth object id, domain
     * id), a copy; null when the file has no object id. The GUID comes from $OBJECT_ID, the rest
     * from the $Extend\$ObjId index (or from $OBJECT_ID itself when it holds all 64 bytes).
     */
    public byte[] objectId() {
        return objectId == null ? null : objectId.clone();
    }

    boolean hasShortObjectId() {
        return objectId != null && objectId.length == 16;
    }

    /** Appends the 48 bytes of birth and domain ids found in $ObjId to the 16-byte GUID. */
    void completeObjectId(byte[] birthIds) {
        byte[] full = java.util.Arrays.copyOf(objectId, 16 + birthIds.length);
        System.arraycopy(birthIds, 0, full, 16, birthIds.length);
        objectId = full;
    }

    /** Raw $EA attribute value (packed FILE_FULL_EA_INFORMATION entries), a copy; null when none. */
    public byte[] extendedAttributes() {
        return extendedAttributes == null ? null : extendedAttributes.clone();
    }

    /** EFS-encrypted: stream contents are ciphertext and should be reported or skipped. */
    public boolean isEncrypted() {
        if ((attributes & ATTRIBUTE_ENCRYPTED) != 0) {
            return true;
        }
        for (NtfsStream s : streams) {
            if (s.isEncrypted()) {
                return true;
            }
        }
        return false;
    }

    List<FileNameInfo> names() {
        return names;
    }

    @Override
    public String toString() {
        return "NtfsFile[#" + recordNumber + (directory ? ", dir" : "") + ", "
                + (names.isEmpty() ? "?" : names.get(0).name()) + "]";
    }
}
