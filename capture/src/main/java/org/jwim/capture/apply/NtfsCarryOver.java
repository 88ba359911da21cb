package org.jwim.capture.apply;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jwim.capture.CaptureException;
import org.jwim.ntfs.NtfsDirEntry;
import org.jwim.ntfs.NtfsExtent;
import org.jwim.ntfs.NtfsFile;
import org.jwim.ntfs.NtfsStream;
import org.jwim.ntfs.NtfsVolume;
import org.jwim.ntfs.write.NtfsData;
import org.jwim.ntfs.write.NtfsMeta;
import org.jwim.ntfs.write.NtfsNode;
import org.jwim.ntfs.write.NtfsWriter;

/**
 * Carries the protected items of the old volume into the freshly formatted one: names (long
 * and short), hard links inside the kept trees, times, attributes, security descriptors,
 * reparse points, object ids, extended attributes and every stream. Plain non-resident data stays in its clusters
 * (they are reserved, not copied); compressed streams (compressed again) and streams with an
 * uninitialised tail are copied (their old clusters are held until the copy is done). Not thread-safe.
 */
final class NtfsCarryOver {
    private record Copy(NtfsStream from, NtfsData to, String path) {
    }

    private final NtfsVolume old;
    private final long volumeOffset;
    private final List<NtfsDirEntry> roots;
    private final List<Copy> copies = new ArrayList<>();
    private long files;
    private long directories;

    NtfsCarryOver(NtfsVolume old, long volumeOffset, List<NtfsDirEntry> roots) {
        this.old = old;
        this.volumeOffset = volumeOffset;
        this.roots = roots;
    }

    /**
     * Refuses what cannot be carried over (before anything is written): encrypted files.
     *
     * @throws CaptureException naming the file
     */
    void check() throws CaptureException {
        Deque<NtfsDirEntry> stack = new ArrayDeque<>(roots);
        while (!stack.isEmpty()) {
            NtfsDirEntry e = stack.pop();
            NtfsFile f = e.file();
            if (f.isEncrypted()) {
                throw new CaptureException("protected item '" + e.name() + "' holds an encrypted (EFS) file;"
                        + " carrying it over a re-format is not supported, nothing was wiped");
            }
            String ea = f.extendedAttributes() == null || f.extendedAttributes().length == 0 ? null
                    : NtfsWriter.invalidExtendedAttributes(f.extendedAttributes());
            if (ea != null) {
                throw new CaptureException("protected item '" + e.name() + "' holds extended attributes that"
                        + " cannot be carried over (" + ea + "), nothing was wiped");
            }
            if (f.isDirectory() && !f.isReparsePoint()) {
                stack.addAll(old.list(f));
            }
        }
    }

    /** Creates the kept trees under the new root; old clusters are reserved here. */
    void recreate(NtfsWriter w) throws IOException {
        carryBadClusters(w);
        Map<Long, NtfsNode> made = new HashMap<>();
        record Work(NtfsDirEntry entry, NtfsNode parent, String path) {
        }
        Deque<Work> stack = new ArrayDeque<>();
        for (NtfsDirEntry e : roots) {
            stack.push(new Work(e, w.root(), "\\" + e.name()));
        }
        while (!stack.isEmpty()) {
            Work k = stack.pop();
            NtfsFile f = k.entry().file();
            String shortName = k.entry().shortName();
            NtfsNode existing = made.get(f.recordNumber());
            if (existing != null && !f.isDirectory()) {
                w.link(k.parent(), k.entry().name(), shortName, existing);
                continue;
            }
            NtfsMeta meta = new NtfsMeta(f.attributes(), f.creationTime(), f.lastWriteTime(), f.changeTime(),
                    f.lastAccessTime());
            NtfsNode n = f.isDirectory() ? w.createDirectory(k.parent(), k.entry().name(), shortName, meta)
                    : w.createFile(k.parent(), k.entry().name(), shortName, meta);
            made.put(f.recordNumber(), n);
            if (f.isDirectory()) {
                directories++;
            } else {
                files++;
            }
            byte[] sd = f.securityDescriptor();
            if (sd != null) {
                w.setSecurityDescriptor(n, sd);
            }
            if (f.isReparsePoint()) {
                byte[] data = f.reparseData() == null ? new byte[0] : f.reparseData();
                w.setReparsePoint(n, NtfsVolumeTarget.reparseBuffer(f.reparseTag(), 0, data));
            }
            if (f.objectId() != null && (f.objectId().length == 16 || f.objectId().length == 64)) {
                w.setObjectId(n, f.objectId());
            }
            if (f.extendedAttributes() != null && f.extendedAttributes().length > 0) {
                w.setExtendedAttributes(n, f.extendedAttributes());      // checked by check()
            }
            for (NtfsStream s : f.streams()) {
                if (f.isDirectory() && s.name().isEmpty()) {
                    continue;
                }
                carry(w, n, s, k.path());
            }
            if (f.isDirectory() && !f.isReparsePoint()) {
                for (NtfsDirEntry c : old.list(f)) {
                    stack.push(new Work(c, n, k.path() + "\\" + c.name()));
                }
            }
        }
    }

    /** Clusters the old volume lists in $BadClus:$Bad stay out of use on the new one. */
    private void carryBadClusters(NtfsWriter w) {
        NtfsFile badClus = old.file(8);
        NtfsStream bad = badClus == null ? null : badClus.stream("$Bad");
        if (bad == null || bad.isResident()) {
            return;
        }
        long cs = w.geometry().clusterSize();
        for (NtfsExtent x : bad.extents()) {
            if (!x.isHole()) {
                long first = (x.physicalOffset() - volumeOffset) / cs;
                w.markBad(first, (x.length() + cs - 1) / cs);
            }
        }
    }

    private void carry(NtfsWriter w, NtfsNode n, NtfsStream s, String path) throws IOException {
        if (s.isResident() || s.size() == 0) {
            byte[] bytes = s.isResident() ? s.residentData() : new byte[0];
            NtfsData d = w.addStream(n, s.name(), bytes.length, false);
            d.write(bytes, 0, bytes.length);
            return;
        }
        long cs = w.geometry().clusterSize();
        List<NtfsExtent> extents = s.extents();
        boolean inPlace = !s.isCompressed();
        long[] lcns = new long[extents.size()];
        long[] lengths = new long[extents.size()];
        long pos = 0;
        for (int i = 0; i < extents.size() && inPlace; i++) {
            NtfsExtent x = extents.get(i);
            boolean last = i == extents.size() - 1;
            long start = x.physicalOffset() - volumeOffset;
            if ((!last && x.length() % cs != 0) || (!x.isHole() && start % cs != 0)) {
                inPlace = false;
                break;
            }
            lcns[i] = x.isHole() ? -1 : start / cs;
            lengths[i] = (x.length() + cs - 1) / cs;
            pos += x.length();
        }
        if (inPlace && pos == s.size()) {
            w.addKeptStream(n, s.name(), s.size(), lcns, lengths);
            return;
        }
        // copied: hold the old clusters until the copy is written
        for (NtfsExtent x : extents) {
            if (!x.isHole()) {
                long first = (x.physicalOffset() - volumeOffset) / cs;
                long end = (x.physicalOffset() - volumeOffset + x.length() + cs - 1) / cs;
                w.reserveUntilFinish(first, end - first);
            }
        }
        NtfsData to = s.isCompressed() ? w.addCompressedStream(n, s.name(), s.size())
                : w.addStream(n, s.name(), s.size(), s.isSparse());
        copies.add(new Copy(s, to, path));
    }

    /** Writes the copied streams (after the image's data, before the writer finishes). */
    long copyData(byte[] buf) throws IOException {
        long bytes = 0;
        for (Copy c : copies) {
            try (InputStream in = c.from().open()) {
                int n;
                while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                    c.to().write(buf, 0, n);
                    bytes += n;
                }
            } catch (IOException | IllegalStateException e) {
                throw new CaptureException("protected file " + c.path() + " could not be carried over: " + e.getMessage(), e);
            }
        }
        return bytes;
    }

    long files() {
        return files;
    }

    long directories() {
        return directories;
    }
}
