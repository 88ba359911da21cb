package org.jwim.ntfs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jwim.common.LE;
import org.jwim.common.Warning;
import org.jwim.ntfs.data.VolumeIo;
import org.jwim.ntfs.format.Attribute;
import org.jwim.ntfs.format.BootSector;
import org.jwim.ntfs.format.FileRecord;
import org.jwim.ntfs.format.Fixup;
import org.jwim.ntfs.format.RunList;

/**
 * Reads the whole $MFT in large sequential reads and assembles every in-use base record into an
 * {@link NtfsFile}. Extension records are kept until the attribute lists that name them are
 * resolved at the end of the pass.
 */
final class MftScanner {
    /** Bytes of MFT read per I/O. */
    static final int READ_SIZE = 4 << 20;
    /** Largest attribute list accepted (a list entry is >= 32 bytes). */
    static final int MAX_ATTRIBUTE_LIST = 16 << 20;

    private final VolumeIo io;
    private final BootSector boot;
    private final Consumer<Warning> warnings;
    private final FileAssembler assembler;
    private final List<String> pending = new ArrayList<>();

    MftScanner(VolumeIo io, BootSector boot, FileAssembler assembler, Consumer<Warning> warnings) {
        this.io = io;
        this.boot = boot;
        this.assembler = assembler;
        this.warnings = warnings;
    }

    /**
     * @param assembled told of each file as its record is read, then of null (see
     *        {@link NtfsVolume#open(java.nio.channels.FileChannel, long, long, Consumer, Consumer)})
     * @return files indexed by record number (null where a record is unused or damaged)
     */
    NtfsFile[] scan(Consumer<NtfsFile> assembled) throws IOException {
        int rs = boot.fileRecordSize();
        FileRecord mft = readMftRecord0();
        RunList mftRuns = null;
        long mftSize = -1;
        long mftInit = -1;
        for (Attribute a : mft.attributes()) {
            if (a.type() == Attribute.TYPE_DATA && a.name().isEmpty() && !a.isResident() && a.lowestVcn() == 0) {
                mftRuns = a.runs();
                mftSize = a.dataSize();
                mftInit = a.initializedSize();
            }
        }
        if (mftRuns == null) {
            throw new NtfsFormatException("MFT record 0: $MFT has no non-resident $DATA attribute");
        }
        mftRuns = extendMftRuns(mft, mftRuns, mftInit);
        long coverage = mftRuns.totalClusters() * boot.clusterSize();
        if (mftSize > io.length() || mftSize < 16L * rs) {
            throw new NtfsFormatException("MFT record 0: $MFT size " + mftSize + " outside "
                    + (16L * rs) + ".." + io.length() + " bytes");
        }
        if (coverage < mftSize) {
            warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                    "$MFT run list covers " + coverage + " of " + mftSize + " bytes; the rest is skipped"));
            mftSize = coverage;
        }
        long count = mftSize / rs;
        if (count > Integer.MAX_VALUE - 8) {
            throw new NtfsFormatException("$MFT holds " + count + " records, too many");
        }
        NtfsFile[] files = new NtfsFile[(int) count];
        Map<Long, FileRecord> extensions = new HashMap<>();
        List<FileRecord> withLists = new ArrayList<>();
        int perRead = (int) Math.max(1, Math.min(READ_SIZE / rs, count));
        byte[] buf = new byte[perRead * rs];
        for (long first = 0; first < count; first += perRead) {
            int n = (int) Math.min(perRead, count - first);
            io.readRuns(mftRuns, mftInit, first * rs, buf, 0, n * rs);
            for (int i = 0; i < n; i++) {
                FileRecord r = parse(buf, i * rs, rs, first + i);
                if (r == null && first + i == 0) {
                    r = mft;                   // damaged in $MFT: the copy read from $MFTMirr
                }
                if (r == null) {
                    continue;
                }
                if (r.baseRecord() != 0) {
                    extensions.put(r.recordNumber(), r);
                } else if (hasAttributeList(r)) {
                    withLists.add(r);
                } else {
                    tell(assembled, files[(int) r.recordNumber()] = assembler.assemble(r, r.attributes()));
                }
            }
        }
        for (FileRecord base : withLists) {
            List<Attribute> all = gather(base, extensions);
            tell(assembled, files[(int) base.recordNumber()] = assembler.assemble(base, all));
        }
        assembled.accept(null);
        return files;
    }

    private static void tell(Consumer<NtfsFile> assembled, NtfsFile f) {
        if (f != null) {
            assembled.accept(f);
        }
    }

    /** Record 0 from $MFT, or from $MFTMirr when the primary copy is damaged. */
    private FileRecord readMftRecord0() throws IOException {
        int rs = boot.fileRecordSize();
        byte[] b = new byte[rs];
        String problem;
        io.readFully(boot.mftLcn() * boot.clusterSize(), b, 0, rs);
        try {
            return parseStrict(b, 0);
        } catch (NtfsFormatException e) {
            problem = e.getMessage();
        }
        warnings.accept(Warning.of(Warning.Kind.DAMAGED, "$MFT record 0 damaged (" + problem + "); using $MFTMirr"));
        io.readFully(boot.mftMirrLcn() * boot.clusterSize(), b, 0, rs);
        try {
            return parseStrict(b, 0);
        } catch (NtfsFormatException e) {
            throw new NtfsFormatException("$MFT record 0 unreadable: " + problem + "; mirror: " + e.getMessage());
        }
    }

    private FileRecord parseStrict(byte[] b, long number) throws NtfsFormatException {
        String fix = Fixup.apply(b, 0, b.length);
        if (fix != null) {
            throw new NtfsFormatException("MFT record " + number + ": " + fix);
        }
        List<String> w = new ArrayList<>();
        FileRecord r = FileRecord.parse(b, 0, b.length, number, io.totalClusters(), w);
        w.forEach(this::damaged);
        if (!r.inUse()) {
            throw new NtfsFormatException("MFT record " + number + " is not in use");
        }
        return r;
    }

    /** $MFT's own $DATA may continue in extension records named by its attribute list. */
    private RunList extendMftRuns(FileRecord mft, RunList runs, long init) throws IOException {
        if (!hasAttributeList(mft)) {
            return runs;
        }
        int rs = boot.fileRecordSize();
        byte[] b = new byte[rs];
        List<long[]> refs = listEntries(mft);
        for (long[] e : refs) {
            if (e[0] != Attribute.TYPE_DATA || e[2] == 0 || e[1] != runs.totalClusters()) {
                continue;
            }
            long rec = e[2];
            if ((rec + 1) * rs > runs.totalClusters() * boot.clusterSize()) {
                warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                        "$MFT extension record " + rec + " lies outside the known $MFT runs"));
                continue;
            }
            io.readRuns(runs, init, rec * rs, b, 0, rs);
            FileRecord ext;
            try {
                ext = parseStrict(b, rec);
            } catch (NtfsFormatException ex) {
                warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                        "$MFT extension record " + rec + ": " + ex.getMessage()));
                continue;
            }
            for (Attribute a : ext.attributes()) {
                if (a.type() == Attribute.TYPE_DATA && a.name().isEmpty() && !a.isResident()
                        && a.lowestVcn() == runs.totalClusters()) {
                    runs = runs.append(a.runs());
                }
            }
        }
        return runs;
    }

    private FileRecord parse(byte[] buf, int off, int rs, long number) {
        int sig = LE.i32(buf, off);
        if (sig == FileRecord.SIGNATURE_BAAD) {
            warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                    "MFT record " + number + ": marked BAAD (incomplete multi-sector write), skipped"));
            return null;
        }
        if (sig != FileRecord.SIGNATURE_FILE) {
            return null;                       // never used
        }
        boolean inUse = (LE.u16(buf, off + 0x16) & FileRecord.FLAG_IN_USE) != 0;
        if (!inUse) {
            return null;
        }
        String fix = Fixup.apply(buf, off, rs);
        if (fix != null) {
            warnings.accept(Warning.of(Warning.Kind.DAMAGED, "MFT record " + number + ": " + fix + ", skipped"));
            return null;
        }
        pending.clear();
        try {
            FileRecord r = FileRecord.parse(buf, off, rs, number, io.totalClusters(), pending);
            pending.forEach(this::damaged);
            return r;
        } catch (NtfsFormatException e) {
            pending.forEach(this::damaged);
            warnings.accept(Warning.of(Warning.Kind.DAMAGED, e.getMessage() + ", skipped"));
            return null;
        }
    }

    private static boolean hasAttributeList(FileRecord r) {
        for (Attribute a : r.attributes()) {
            if (a.type() == Attribute.TYPE_ATTRIBUTE_LIST) {
                return true;
            }
        }
        return false;
    }

    /** Attributes of the base record plus those of the extension records its list names. */
    private List<Attribute> gather(FileRecord base, Map<Long, FileRecord> extensions) {
        List<Attribute> all = new ArrayList<>(base.attributes());
        Set<Long> records = new LinkedHashSet<>();
        List<long[]> entries;
        try {
            entries = listEntries(base);
        } catch (IOException e) {
            warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                    "MFT record " + base.recordNumber() + ": attribute list unreadable: "
                    + e.getMessage()));
            return all;
        }
        for (long[] e : entries) {
            if (e[2] != base.recordNumber()) {
                records.add(e[2] | e[3] << 48);
            }
        }
        for (long ref : records) {
            long rec = ref & FileRecord.REF_MASK;
            int seq = (int) (ref >>> 48);
            FileRecord ext = extensions.get(rec);
            if (ext == null || ext.baseRecord() != base.recordNumber() || (seq != 0 && seq != ext.sequence())) {
                warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                        "MFT record " + base.recordNumber() + ": extension record " + rec
                        + " missing, stale or owned by another file; its attributes are lost"));
                continue;
            }
            all.addAll(ext.attributes());
        }
        return all;
    }

    /** Entries of the record's $ATTRIBUTE_LIST as {type, lowestVcn, record, sequence}. */
    private List<long[]> listEntries(FileRecord r) throws IOException {
        byte[] v = null;
        for (Attribute a : r.attributes()) {
            if (a.type() == Attribute.TYPE_ATTRIBUTE_LIST) {
                if (a.isResident()) {
                    v = a.value();
                } else {
                    if (a.dataSize() > MAX_ATTRIBUTE_LIST || a.dataSize() > io.length()) {
                        throw new NtfsFormatException("attribute list of " + a.dataSize() + " bytes too large");
                    }
                    v = new byte[(int) a.dataSize()];
                    io.readRuns(a.runs(), a.initializedSize(), 0, v, 0, v.length);
                }
                break;
            }
        }
        List<long[]> out = new ArrayList<>();
        int p = 0;
        while (v != null && p + 0x1A <= v.length) {
            int len = LE.u16(v, p + 4);
            if (len < 0x1A || p + len > v.length) {
                warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                        "MFT record " + r.recordNumber() + ": attribute list entry at +" + p
                        + " has length " + len + "; rest of the list ignored"));
                break;
            }
            long ref = LE.u64(v, p + 0x10);
            out.add(new long[] {LE.i32(v, p), LE.u64(v, p + 8), ref & FileRecord.REF_MASK, ref >>> 48});
            p += len;
        }
        return out;
    }

    /** Reports a problem the record parser noted (it collects plain messages). */
    private void damaged(String message) {
        warnings.accept(Warning.of(Warning.Kind.DAMAGED, message));
    }
}
