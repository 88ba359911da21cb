package org.jwim.capture.source;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.jwim.common.Warning;
import org.jwim.fat.FatEntry;
import org.jwim.fat.FatTimes;
import org.jwim.fat.FatVolume;
import org.jwim.wim.blob.ExtentSource;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.SecurityDescriptors;
import org.jwim.wim.model.StreamKind;
import org.jwim.wim.model.StreamRef;

/**
 * Scans a FAT12/16/32 volume into an image tree: long and 8.3 names, attributes, times and
 * data extents (read later, in disk order, by the writer). FAT has no security descriptors,
 * so every security id is -1, as a Windows capture of FAT gives. FAT stores local times without
 * a zone; they are read as UTC unless another zone is set.
 */
public final class FatSource {
    private final FileChannel channel;
    private final long offset;
    private final long length;
    private ZoneId zone = ZoneOffset.UTC;
    private Consumer<Warning> warnings = w -> { };

    private FatSource(FileChannel channel, long offset, long length) {
        this.channel = channel;
        this.offset = offset;
        this.length = length;
    }

    /** The FAT volume at {@code [offset, offset+length)} of {@code channel} (opened read-only). */
    public static FatSource of(FileChannel channel, long offset, long length) {
        return new FatSource(channel, offset, length);
    }

    /** Time zone the volume's local timestamps are in (default UTC). */
    public FatSource timeZone(ZoneId value) {
        this.zone = value;
        return this;
    }

    public FatSource warnings(Consumer<Warning> value) {
        this.warnings = value;
        return this;
    }

    public ImageTree scan() throws IOException {
        FatVolume vol = FatVolume.open(channel, offset, length, warnings);
        Dentry root = new Dentry("", new Inode(Inode.ATTR_DIRECTORY));
        // capture-disk --update-of pairs the volume with its earlier image by this serial
        new org.jwim.wim.model.VolumeIdentity(vol.serialNumber(), length).storeIn(root.inode());
        record Pending(FatEntry entry, Dentry dentry) {
        }
        ArrayDeque<Pending> stack = new ArrayDeque<>();
        stack.push(new Pending(vol.root(), root));
        while (!stack.isEmpty()) {
            Pending p = stack.pop();
            for (FatEntry e : vol.list(p.entry())) {
                Dentry d = new Dentry(e.longName(), inode(e));
                if (e.hasDistinctShortName()) {
                    d.shortName(e.shortName());
                }
                p.dentry().add(d);
                if (e.isDirectory()) {
                    if (e.isUnreadableDirectory()) {
                        warnings.accept(new Warning(e.path(), Warning.Kind.DAMAGED,
                                "directory cannot be read; captured empty"));
                    } else {
                        stack.push(new Pending(e, d));
                    }
                }
            }
        }
        return new ImageTree(root, new SecurityDescriptors());
    }

    private Inode inode(FatEntry e) {
        int attrs = e.attributes() & (Inode.ATTR_READONLY | Inode.ATTR_HIDDEN | Inode.ATTR_SYSTEM
                | Inode.ATTR_DIRECTORY | Inode.ATTR_ARCHIVE);
        if (attrs == 0) {
            attrs = Inode.ATTR_NORMAL;
        }
        Inode in = new Inode(attrs).times(filetime(e.creationTime()), filetime(e.lastAccessDate()),
                filetime(e.lastWriteTime()));
        if (!e.isDirectory()) {
            in.addStream(e.size() == 0 ? StreamRef.empty(StreamKind.DATA, "")
                    : StreamRef.fromSource(StreamKind.DATA, "",
                            new ExtentSource(channel, e.extents().starts(), e.extents().lengths())));
        }
        return in;
    }

    private long filetime(java.time.LocalDateTime t) {
        return t == null ? 0 : FatTimes.toFileTime(t, zone);
    }
}
