package org.jwim.fat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jwim.common.LE;
import org.jwim.common.Warning;
import org.jwim.fat.format.Io;
import org.jwim.fat.format.LongNameAssembler;
import org.jwim.fat.format.ShortEntry;
import org.jwim.fat.format.SimpleCase;

/** Scans one directory's 32-byte entries; one instance per listing, not thread-safe. */
final class DirectoryReader {
    private final FatVolume volume;
    private final Charset oem;
    private final LongNameAssembler lfn = new LongNameAssembler();

    DirectoryReader(FatVolume volume, Charset oem) {
        this.volume = volume;
        this.oem = oem;
    }

    List<FatEntry> list(FatEntry dir) throws IOException {
        FatExtents ext = dir.directoryExtents();
        byte[] b = read(ext);
        String dirPath = dir.path();
        String prefix = dirPath.equals("/") ? "/" : dirPath + "/";
        List<FatEntry> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> seenUpper = new HashSet<>();
        int run = 0;
        long runBase = 0; // directory byte index where run starts
        for (int off = 0; off + ShortEntry.SIZE <= b.length; off += ShortEntry.SIZE) {
            while (off - runBase >= ext.length(run)) {
                runBase += ext.length(run);
                run++;
            }
            long abs = ext.start(run) + (off - runBase);
            int first = LE.u8(b, off);
            if (first == ShortEntry.END_MARKER) {
                break;
            }
            int attr = LE.u8(b, off + 0x0B);
            if (first == ShortEntry.DELETED) {
                dropLongName(prefix + "?", abs, "long name entries followed by a deleted entry were dropped");
                continue;
            }
            if ((attr & 0x3F) == ShortEntry.ATTR_LONG_NAME) {
                String problem = lfn.add(b, off);
                if (problem != null) {
                    volume.warn(dirPath, abs, problem);
                }
                continue;
            }
            if ((attr & ShortEntry.ATTR_VOLUME_ID) != 0) {
                dropLongName(dirPath, abs, "long name entries before a volume label were dropped");
                continue;
            }
            if (first == '.') {
                // "." and ".." (a real name never starts with a dot in 8.3 form)
                dropLongName(dirPath, abs, "long name entries before a dot entry were dropped");
                continue;
            }
            ShortEntry e = ShortEntry.read(b, off, oem, volume.isFat32());
            String reason = lfn.inProgress() ? lfn.mismatchReason(e.checksum()) : null;
            String longName = lfn.complete(e.checksum());
            if (longName == null && reason != null) {
                volume.warn(prefix + e.displayName(), abs, reason + "; using the short name");
            }
            boolean hasLfn = longName != null;
            String name = hasLfn ? longName : e.displayName();
            String bad = invalidName(name);
            if (bad != null) {
                volume.warn(prefix + name, abs, "entry skipped: name " + bad);
                continue;
            }
            // A WIM directory cannot hold one name twice; names equal only when upper-cased (as
            // Windows compares them, one unit at a time) are a damaged directory but both kept.
            if (!seen.add(name)) {
                volume.warn(prefix + name, abs, Warning.Kind.NAME_CLASH,
                        "entry skipped: the directory holds this exact name twice");
                continue;
            }
            if (!seenUpper.add(SimpleCase.upper(name))) {
                volume.warn(prefix + name, abs, Warning.Kind.NAME_CLASH,
                        "another entry of the directory has this name in other case;"
                        + " both captured");
            }
            out.add(volume.resolve(dir, name, hasLfn, e, abs, prefix + name));
        }
        return out;
    }

    /** Finds the volume label entry of the root directory; falls back to the BPB label. */
    String findLabel(FatEntry root, String bpbLabel) throws IOException {
        byte[] b = read(root.directoryExtents());
        for (int off = 0; off + ShortEntry.SIZE <= b.length; off += ShortEntry.SIZE) {
            int first = LE.u8(b, off);
            if (first == ShortEntry.END_MARKER) {
                break;
            }
            int attr = LE.u8(b, off + 0x0B);
            if (first != ShortEntry.DELETED && (attr & 0x3F) != ShortEntry.ATTR_LONG_NAME
                    && (attr & ShortEntry.ATTR_VOLUME_ID) != 0) {
                return new String(b, off, 11, oem).stripTrailing();
            }
        }
        return bpbLabel.equals("NO NAME") ? "" : bpbLabel;
    }

    private void dropLongName(String path, long abs, String message) {
        if (lfn.inProgress()) {
            volume.warn(path, abs, message);
            lfn.reset();
        }
    }

    private static String invalidName(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return "is empty or a dot name";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == '/' || c == '\\') {
                return "holds the character U+" + String.format("%04X", (int) c);
            }
        }
        return null;
    }

    private byte[] read(FatExtents ext) throws IOException {
        long total = ext.totalLength();
        if (total > FatVolume.MAX_DIRECTORY_BYTES) {
            throw new IllegalStateException("directory extents exceed the cap: " + total);
        }
        byte[] b = new byte[(int) total];
        int pos = 0;
        for (int i = 0; i < ext.count(); i++) {
            Io.readFully(volume.channel(), b, pos, (int) ext.length(i), ext.start(i));
            pos += (int) ext.length(i);
        }
        return b;
    }
}
