package org.jwim.ntfs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.jwim.common.LE;
import org.jwim.common.Utf16;
import org.jwim.common.Warning;
import org.jwim.ntfs.data.VolumeIo;
import org.jwim.ntfs.format.Attribute;
import org.jwim.ntfs.format.FileRecord;
import org.jwim.ntfs.format.RunList;

/** Turns a base record plus its extension records into an {@link NtfsFile}. */
final class FileAssembler {
    /** Largest non-resident metadata attribute read eagerly (reparse data, EA, descriptor). */
    static final int MAX_SMALL_ATTRIBUTE = 1 << 20;
    private static final int SI_CREATION = 0x00;
    private static final int SI_ATTRIBUTES = 0x20;
    private static final int SI_SECURITY_ID = 0x34;
    private static final int SI_MIN = 0x30;
    private static final int SI_WITH_SECURITY = 0x48;
    private static final int SI_USN = 0x40;
    private static final int FN_NAME_LENGTH = 0x40;
    private static final int FN_NAMESPACE = 0x41;
    private static final int FN_NAME = 0x42;
    private static final int INTERNAL_FLAGS = 0x3000_0000;

    private final VolumeIo io;
    private final SecurityTable securityTable;
    private final Consumer<Warning> warnings;
    /** $VOLUME_NAME and $VOLUME_INFORMATION values, seen in record 3 ($Volume). */
    byte[] volumeName;
    byte[] volumeInformation;
    /** Index attributes named $O by record ($Extend\$ObjId and $Extend\$Quota have one). */
    final java.util.Map<Long, List<Attribute>> viewIndexes = new java.util.HashMap<>();
    /** $I30 index attributes of directories by record, to check what each directory lists. */
    final java.util.Map<Long, List<Attribute>> directoryIndexes = new java.util.HashMap<>();

    FileAssembler(VolumeIo io, SecurityTable securityTable, Consumer<Warning> warnings) {
        this.io = io;
        this.securityTable = securityTable;
        this.warnings = warnings;
    }

    /** @param attrs all kept attributes of the base record and its extension records */
    NtfsFile assemble(FileRecord base, List<Attribute> attrs) {
        long rec = base.recordNumber();
        long[] times = new long[4];
        int fileAttributes = 0;
        int securityId = 0;
        long usn = 0;
        boolean haveSi = false;
        byte[] ownSd = null;
        byte[] reparse = null;
        byte[] objectId = null;
        byte[] ea = null;
        List<FileNameInfo> names = new ArrayList<>(2);
        List<Attribute> data = new ArrayList<>(2);
        for (Attribute a : attrs) {
            switch (a.type()) {
                case Attribute.TYPE_STANDARD_INFORMATION -> {
                    byte[] v = a.value();
                    if (haveSi || v == null || v.length < SI_MIN) {
                        warn("MFT record " + rec + ": $STANDARD_INFORMATION missing fields, ignored");
                        continue;
                    }
                    haveSi = true;
                    for (int i = 0; i < 4; i++) {
                        times[i] = LE.u64(v, SI_CREATION + 8 * i);
                    }
                    fileAttributes = LE.i32(v, SI_ATTRIBUTES);
                    if (v.length >= SI_WITH_SECURITY) {
                        securityId = LE.i32(v, SI_SECURITY_ID);
                        usn = LE.u64(v, SI_USN);
                    }
                }
                case Attribute.TYPE_FILE_NAME -> {
                    byte[] v = a.value();
                    if (v == null || v.length < FN_NAME
                            || FN_NAME + 2 * LE.u8(v, FN_NAME_LENGTH) > v.length
                            || LE.u8(v, FN_NAMESPACE) > 3 || LE.u8(v, FN_NAME_LENGTH) == 0) {
                        warn("MFT record " + rec + ": malformed $FILE_NAME ignored");
                        continue;
                    }
                    String name = Utf16.decode(v, FN_NAME, LE.u8(v, FN_NAME_LENGTH));
                    names.add(new FileNameInfo(LE.u64(v, 0), LE.u8(v, FN_NAMESPACE), name));
                }
                case Attribute.TYPE_DATA -> data.add(a);
                case Attribute.TYPE_SECURITY_DESCRIPTOR -> ownSd = small(a, rec, "$SECURITY_DESCRIPTOR");
                case Attribute.TYPE_REPARSE_POINT -> reparse = small(a, rec, "$REPARSE_POINT");
                case Attribute.TYPE_OBJECT_ID -> objectId = small(a, rec, "$OBJECT_ID");
                case Attribute.TYPE_EA -> ea = small(a, rec, "$EA");
                case Attribute.TYPE_INDEX_ROOT, Attribute.TYPE_INDEX_ALLOCATION, Attribute.TYPE_BITMAP -> {
                    if (a.name().equals(ObjectIds.INDEX) && rec >= NtfsVolume.FIRST_USER_RECORD) {
                        viewIndexes.computeIfAbsent(rec, r -> new ArrayList<>(3)).add(a);
                    } else if (a.name().equals(IndexedChildren.INDEX) && base.isDirectory()) {
                        directoryIndexes.computeIfAbsent(rec, r -> new ArrayList<>(3)).add(a);
                    }
                }
                case Attribute.TYPE_VOLUME_NAME -> volumeName = base.recordNumber() == 3 ? a.value() : volumeName;
                case Attribute.TYPE_VOLUME_INFORMATION ->
                        volumeInformation = base.recordNumber() == 3 ? a.value() : volumeInformation;
                default -> {
                }
            }
        }
        if (!haveSi) {
            warn("MFT record " + rec + ": no $STANDARD_INFORMATION; times and attributes are zero");
        }
        int reparseTag = 0;
        byte[] reparseData = null;
        if (reparse != null) {
            if (reparse.length < 8 || LE.u16(reparse, 4) > reparse.length - 8) {
                warn("MFT record " + rec + ": $REPARSE_POINT of " + reparse.length + " bytes is malformed, ignored");
            } else {
                reparseTag = LE.i32(reparse, 0);
                reparseData = java.util.Arrays.copyOfRange(reparse, 8, 8 + LE.u16(reparse, 4));
            }
        }
        List<NtfsStream> streams = new ArrayList<>(data.size());
        for (List<Attribute> pieces : groupByName(data)) {
            NtfsStream s = stream(pieces.get(0).name(), pieces, rec);
            if (s != null) {
                streams.add(s);
            }
        }
        if (streams.size() > 1) {
            streams.sort(Comparator.comparing(NtfsStream::name));   // unnamed ("") first
        }
        int attributesOut = fileAttributes & ~INTERNAL_FLAGS;
        if (base.isDirectory()) {
            attributesOut |= NtfsFile.ATTRIBUTE_DIRECTORY;
        }
        NtfsFile file = new NtfsFile(base.recordNumber(), base.sequence(), base.isDirectory(), attributesOut,
                times, securityId, ownSd, securityTable, names, streams, reparseTag, reparseData,
                objectId, ea);
        file.usn(usn);
        return file;
    }

    /** $DATA attributes grouped by name, in order of first appearance (one group per stream). */
    private static List<List<Attribute>> groupByName(List<Attribute> data) {
        List<List<Attribute>> groups = new ArrayList<>(data.size());
        outer:
        for (Attribute a : data) {
            for (List<Attribute> g : groups) {
                if (g.get(0).name().equals(a.name())) {
                    g.add(a);
                    continue outer;
                }
            }
            List<Attribute> g = new ArrayList<>(1);
            g.add(a);
            groups.add(g);
        }
        return groups;
    }

    /** Joins the pieces of one $DATA attribute (split across records by an attribute list). */
    private NtfsStream stream(String name, List<Attribute> pieces, long rec) {
        if (pieces.size() == 1 && pieces.get(0).isResident()) {
            return new NtfsStream(name, pieces.get(0).value(), io);
        }
        pieces.sort(Comparator.comparingLong(Attribute::lowestVcn));
        Attribute first = pieces.get(0);
        if (first.isResident() || first.lowestVcn() != 0) {
            warn("MFT record " + rec + " stream \"" + name + "\"" + ": first piece is resident or does not start at VCN 0, stream skipped");
            return null;
        }
        RunList runs = first.runs();
        for (int i = 1; i < pieces.size(); i++) {
            Attribute p = pieces.get(i);
            if (p.isResident() || p.lowestVcn() != runs.totalClusters()) {
                warn("MFT record " + rec + " stream \"" + name + "\"" + ": piece " + i + " starts at VCN " + p.lowestVcn() + ", expected "
                        + runs.totalClusters() + "; stream skipped");
                return null;
            }
            runs = runs.append(p.runs());
            if (runs.totalClusters() > RunList.MAX_CLUSTERS) {
                warn("MFT record " + rec + " stream \"" + name + "\"" + ": pieces cover more than 2^32 clusters; stream skipped");
                return null;
            }
        }
        int flags = first.flags();
        int unit = 0;
        if ((flags & Attribute.FLAG_COMPRESSED) != 0) {
            unit = first.compressionUnit();
            if (unit == 0) {
                warn("MFT record " + rec + " stream \"" + name + "\"" + ": compressed without a compression unit, stream skipped");
                return null;
            }
        }
        long size = first.dataSize();
        long coverage = runs.totalClusters() * io.clusterSize();
        if (size > coverage) {
            warn("MFT record " + rec + " stream \"" + name + "\"" + ": size " + size + " exceeds the " + coverage + " bytes its runs cover; truncated");
            size = coverage;
        }
        return new NtfsStream(name, size, Math.min(size, first.initializedSize()), null, runs, unit,
                flags, io);
    }

    private byte[] small(Attribute a, long rec, String what) {
        if (a.isResident()) {
            return a.value();
        }
        if (a.lowestVcn() != 0 || a.dataSize() > MAX_SMALL_ATTRIBUTE) {
            warn("MFT record " + rec + ": non-resident " + what + " of " + a.dataSize() + " bytes ignored");
            return null;
        }
        byte[] out = new byte[(int) a.dataSize()];
        try {
            io.readRuns(a.runs(), a.initializedSize(), 0, out, 0, out.length);
            return out;
        } catch (IOException e) {
            warn("MFT record " + rec + ": " + what + " unreadable: " + e.getMessage());
            return null;
        }
    }

    private void warn(String message) {
        warnings.accept(Warning.of(Warning.Kind.DAMAGED, message));
    }
}
