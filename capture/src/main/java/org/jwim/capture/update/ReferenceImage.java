package org.jwim.capture.update;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jwim.capture.CaptureException;
import org.jwim.wim.ImageSummary;
import org.jwim.wim.WimFile;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.FileIdentity;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.StreamKind;
import org.jwim.wim.model.StreamRef;
import org.jwim.wim.model.VolumeIdentity;

/**
 * An earlier image of the same source ({@code --update-of}), indexed for the files a new capture
 * may take over unread: by MFT record where the image has jwim's {@link FileIdentity} items, and
 * by path (every dentry) for the others. The WIM stays open as long as the caller keeps it; not thread-safe.
 */
public final class ReferenceImage {
    private final WimFile wim;
    private final int index;
    private final ImageTree tree;
    /** The image's uncompressed metadata resource, which a new image's may equal. */
    private final byte[] metadata;
    /** By MFT record: the inode and its identity, parsed here, on the thread that reads the image. */
    private final Map<Long, Recorded> byRecord = new HashMap<>();
    /** Built on first use: an NTFS capture against an NTFS reference never needs it. */
    private Map<String, Inode> byPath;

    private ReferenceImage(WimFile wim, int index, ImageTree tree, byte[] metadata) {
        this.wim = wim;
        this.index = index;
        this.tree = tree;
        this.metadata = metadata;
        for (Inode in : tree.root().inodes()) {
            FileIdentity id = FileIdentity.of(in);
            if (id != null && id.kind() == FileIdentity.KIND_NTFS) {
                byRecord.put(id.fileId(), new Recorded(in, id));
            }
        }
    }

    /** Image {@code index} (1-based) of {@code wim}. */
    public static ReferenceImage read(WimFile wim, int index) throws IOException {
        byte[] meta = wim.readMetadata(index);
        return new ReferenceImage(wim, index, wim.readImage(index, meta), meta);
    }

    /**
     * The image {@code spec} names in {@code wim}, as wimlib reads {@code --update-of}: a 1-based
     * index, a negative index counting back from the last image (-1 = last), or an image name.
     *
     * @throws CaptureException when there is no such image
     */
    public static int resolve(WimFile wim, String spec) throws CaptureException {
        int count = wim.imageCount();
        if (spec.matches("-?[0-9]+")) {
            long n;
            try {
                n = Long.parseLong(spec);
            } catch (NumberFormatException e) {
                n = 0;
            }
            long i = n < 0 ? count + 1 + n : n;
            if (n == 0 || i < 1 || i > count) {
                throw new CaptureException(wim.path() + ": no image " + spec + " (it has " + count + " image"
                        + (count == 1 ? "" : "s") + ")");
            }
            return (int) i;
        }
        List<ImageSummary> images = wim.images();
        for (int i = 0; i < images.size(); i++) {
            if (images.get(i).info().name().equals(spec)) {
                return i + 1;
            }
        }
        throw new CaptureException(wim.path() + ": no image named \"" + spec + "\"");
    }

    public WimFile wim() {
        return wim;
    }

    /** The image's root directory. */
    public Dentry root() {
        return tree.root();
    }

    /** 1-based index of the image in {@link #wim()}. */
    public int index() {
        return index;
    }

    /** The image's uncompressed metadata resource (see {@link org.jwim.wim.WimWriter#useMetadataOf}). */
    public byte[] metadata() {
        return metadata;
    }

    /** True if the image holds jwim's NTFS file identities (captured by jwim from a raw NTFS volume). */
    public boolean hasRecordIdentities() {
        return !byRecord.isEmpty();
    }

    /** Serial number and size of the volume the image was captured from, or null when not recorded. */
    public VolumeIdentity volumeIdentity() {
        return VolumeIdentity.of(tree.root().inode());
    }

    private record Recorded(Inode inode, FileIdentity id) {
    }

    /** The inode captured from the MFT record of NTFS identity {@code id}, if its identity was equal; else null. */
    Inode sameRecord(FileIdentity id) {
        Recorded r = byRecord.get(id.fileId());
        return r != null && id.equals(r.id()) ? r.inode() : null;
    }

    /** The inode at {@code path} ('/'-separated, case-sensitive), or null. */
    Inode byPath(String path) {
        if (byPath == null) {
            byPath = new HashMap<>();
            for (Inode in : tree.root().inodes()) {
                for (Dentry d : in.dentries()) {
                    byPath.put(d.path(), in);
                }
            }
        }
        return byPath.get(path);
    }

    /** The hash of {@code old}'s data stream {@code name}, when its blob is in the WIM; else null. */
    Sha1 blob(Inode old, String name) {
        StreamRef s = old.stream(StreamKind.DATA, name);
        if (s == null || s.hash() == null || (!s.hash().isZero() && !wim.hasBlob(s.hash()))) {
            return null;
        }
        return s.hash();
    }
}
