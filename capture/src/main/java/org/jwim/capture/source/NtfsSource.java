package org.jwim.capture.source;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jwim.capture.CaptureException;
import org.jwim.capture.internal.ExtendedAttributes;
import org.jwim.common.Warning;
import org.jwim.ntfs.NtfsDirEntry;
import org.jwim.ntfs.NtfsExtent;
import org.jwim.ntfs.NtfsFile;
import org.jwim.ntfs.NtfsStream;
import org.jwim.ntfs.NtfsVolume;
import org.jwim.wim.blob.BlobSource;
import org.jwim.wim.blob.ExtentSource;
import org.jwim.wim.blob.MemorySource;
import org.jwim.wim.blob.StreamSource;
import org.jwim.wim.model.FileIdentity;
import org.jwim.wim.model.TaggedItems;
import org.jwim.wim.model.VolumeIdentity;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.SecurityDescriptors;
import org.jwim.wim.model.StreamKind;
import org.jwim.wim.model.StreamRef;

/**
 * Scans a raw NTFS volume into an image tree, as wimlib's NTFS-3G capture mode does: hard
 * links grouped by MFT record, short names, security descriptors (deduplicated per image),
 * named streams, reparse points (target stored as found, NOT_FIXED), object ids, sparse files
 * flagged and stored expanded, exact 100 ns times. Data is not read here: streams point at the
 * volume's extents so the writer reads them in disk order. Encrypted files are skipped with a
 * warning (raw EFS export is not implemented). Object ids are stored whole (64 bytes, with the
 * birth and domain ids of $ObjId) and extended attributes ($EA) as DISM and wimlib on Windows
 * store them (tagged items 1 and 2). Each inode also gets jwim's {@link FileIdentity} item (MFT
 * record, sequence number, $STANDARD_INFORMATION times and USN) and the root a
 * {@link VolumeIdentity}, for later captures with {@code --update-of}.
 */
public final class NtfsSource {
    /** Attribute name order of NTFS: code units upper-cased by the volume's $UpCase, then exact. */
    private java.util.Comparator<NtfsStream> streamOrder;

    private final FileChannel channel;
    private final long offset;
    private final long length;
    private CaptureConfig config = CaptureConfig.defaults();
    private boolean force;
    private boolean keepWof;
    private Consumer<Warning> warnings = w -> { };
    private Consumer<NtfsFile> records = f -> { };

    private NtfsSource(FileChannel channel, long offset, long length) {
        this.channel = channel;
        this.offset = offset;
        this.length = length;
    }

    /** The NTFS volume at {@code [offset, offset+length)} of {@code channel} (opened read-only). */
    public static NtfsSource of(FileChannel channel, long offset, long length) {
        return new NtfsSource(channel, offset, length);
    }

    /** Exclusions (default: DISM's list). */
    public NtfsSource config(CaptureConfig value) {
        this.config = value;
        return this;
    }

    /**
     * Keep WOF-compressed files raw (reparse point plus {@code WofCompressedData}, as wimlib's
     * NTFS-3G mode does) instead of storing the decoded plain file (default, as DISM does).
     */
    public NtfsSource keepWof(boolean value) {
        this.keepWof = value;
        return this;
    }

    /** Capture a volume marked dirty (not cleanly unmounted or hibernated) anyway. */
    public NtfsSource force(boolean value) {
        this.force = value;
        return this;
    }

    public NtfsSource warnings(Consumer<Warning> value) {
        this.warnings = value;
        return this;
    }

    /**
     * Told of each file as its MFT record is read, before the tree is built, then of null
     * ({@link NtfsVolume#open(FileChannel, long, long, Consumer, Consumer)}); on the scanning thread.
     */
    public NtfsSource records(Consumer<NtfsFile> value) {
        this.records = value;
        return this;
    }

    public ImageTree scan() throws IOException {
        NtfsVolume vol = NtfsVolume.open(channel, offset, length, warnings, records);
        streamOrder = (a, b) -> vol.compareNames(a.name(), b.name());
        if (vol.isDirty()) {
            String msg = "NTFS volume at offset " + offset + " is marked dirty (not shut down cleanly,"
                    + " or hibernated); its metadata may be inconsistent";
            if (!force) {
                throw new CaptureException(msg + ". Run chkdsk, or capture with --force.");
            }
            warnings.accept(Warning.of(Warning.Kind.UNSAFE, msg + "; capturing anyway (--force)"));
        }
        SecurityDescriptors security = new SecurityDescriptors();
        Map<Long, Inode> inodes = new HashMap<>();
        Dentry root = new Dentry("", inode(vol.root(), security, "\\"));
        new VolumeIdentity(vol.serialNumber(), length).storeIn(root.inode());
        record Pending(NtfsFile dir, Dentry dentry, String path) {
        }
        ArrayDeque<Pending> stack = new ArrayDeque<>();
        stack.push(new Pending(vol.root(), root, ""));
        while (!stack.isEmpty()) {
            Pending p = stack.pop();
            for (NtfsDirEntry e : vol.list(p.dir())) {
                String path = p.path() + "\\" + e.name();
                if (config.excludes(path)) {
                    continue;
                }
                NtfsFile f = e.file();
                if (f.isEncrypted()) {
                    warnings.accept(new Warning(path, Warning.Kind.UNSUPPORTED,
                            "encrypted (EFS) file skipped; raw EFS export is not implemented"));
                    continue;
                }
                Inode in = inodes.get(f.recordNumber());
                if (in == null) {
                    in = inode(f, security, path);
                    if (!f.isDirectory()) {
                        inodes.put(f.recordNumber(), in);
                    }
                }
                Dentry d = new Dentry(e.name(), in).shortName(e.shortName());
                p.dentry().add(d);
                if (in.hasChildren()) {
                    stack.push(new Pending(f, d, path));
                }
            }
        }
        return new ImageTree(root, security);
    }

    private Inode inode(NtfsFile f, SecurityDescriptors security, String path) {
        WofFile wof = keepWof || f.isDirectory() ? null : WofFile.of(f);
        int attributes = wof == null ? f.attributes() : f.attributes() & ~(Inode.ATTR_REPARSE_POINT | Inode.ATTR_SPARSE_FILE);
        Inode in = new Inode(attributes).times(f.creationTime(), f.lastAccessTime(), f.lastWriteTime());
        byte[] sd = f.securityDescriptor();
        if (sd != null) {
            in.securityId(security.add(sd));
        }
        if (wof != null) {
            // stored as the plain file DISM reads through the WOF driver
            in.addStream(wof.size() == 0 ? StreamRef.empty(StreamKind.DATA, "")
                    : StreamRef.fromSource(StreamKind.DATA, "", new StreamSource(wof.size(), wof.sortKey(), wof::open)));
        } else if (f.isReparsePoint()) {
            in.reparse(f.reparseTag(), 0, Inode.RP_FLAG_NOT_FIXED);
            byte[] rp = f.reparseData();
            in.addStream(rp == null || rp.length == 0 ? StreamRef.empty(StreamKind.REPARSE, "")
                    : StreamRef.fromSource(StreamKind.REPARSE, "", new MemorySource(rp)));
        }
        // NTFS keeps attributes sorted by name; an attribute list can scatter them over records.
        List<NtfsStream> streams = new java.util.ArrayList<>(f.streams());
        streams.sort(streamOrder);
        for (NtfsStream s : streams) {
            if (s.name().isEmpty() && (f.isDirectory() || wof != null) || wof != null && s.name().equals(WofFile.STREAM)) {
                continue;
            }
            in.addStream(s.size() == 0 ? StreamRef.empty(StreamKind.DATA, s.name())
                    : StreamRef.fromSource(StreamKind.DATA, s.name(), source(s)));
        }
        if (!f.isDirectory() && in.unnamedData() == null) {
            in.addStream(StreamRef.empty(StreamKind.DATA, ""));
        }
        java.io.ByteArrayOutputStream items = new java.io.ByteArrayOutputStream();
        byte[] objectId = f.objectId();
        if (objectId != null && objectId.length >= 16) {
            items.writeBytes(TaggedItems.encode(TaggedItems.TAG_OBJECT_ID, objectId));
        }
        byte[] ea = f.extendedAttributes();
        if (ea != null && ea.length > 0) {
            byte[] item = ExtendedAttributes.fromNtfs(ea);
            if (item == null) {
                warnings.accept(new Warning(path, Warning.Kind.DAMAGED,
                        "malformed extended attributes ($EA) not stored"));
            } else {
                items.writeBytes(TaggedItems.encode(TaggedItems.TAG_EXTENDED_ATTRIBUTES, item));
            }
        }
        if (items.size() > 0) {
            in.taggedItems(items.toByteArray());
        }
        identity(f).storeIn(in); // what --update-of compares to know the file unchanged without reading it
        return in;
    }

    /**
     * What identifies {@code f} to {@code --update-of}: its record and sequence numbers, the
     * modification and MFT-change times of $STANDARD_INFORMATION and its USN, as stored with
     * each captured inode and compared with a reference image's.
     */
    public static FileIdentity identity(NtfsFile f) {
        return FileIdentity.ntfs(f.recordNumber(), f.sequenceNumber(), f.lastWriteTime(), f.changeTime(), f.usn());
    }

    private BlobSource source(NtfsStream s) {
        if (s.isResident()) {
            return new MemorySource(s.residentData());
        }
        if (s.isCompressed() || s.isEncrypted()) {
            return new StreamSource(s.size(), s.firstPhysicalOffset(), s::open);
        }
        List<NtfsExtent> extents = s.extents();
        long[] starts = new long[extents.size()];
        long[] lengths = new long[extents.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = extents.get(i).physicalOffset();
            lengths[i] = extents.get(i).length();
        }
        return new ExtentSource(channel, starts, lengths);
    }
}
