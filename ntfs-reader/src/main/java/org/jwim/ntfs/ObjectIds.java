package org.jwim.ntfs;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.jwim.common.Warning;
import org.jwim.ntfs.data.VolumeIo;
import org.jwim.ntfs.format.Attribute;
import org.jwim.ntfs.format.FileRecord;
import org.jwim.ntfs.format.IndexNode;
import org.jwim.common.LE;

/**
 * Completes object ids from $Extend\$ObjId. Windows keeps only the 16-byte object GUID in a
 * file's $OBJECT_ID attribute and the birth volume id, birth object id and domain id in the
 * $O index entry keyed by that GUID; together they are the 64-byte FILE_OBJECTID_BUFFER that
 * WIMs store.
 */
final class ObjectIds {
    static final String INDEX = "$O";
    private static final int REC_EXTEND = 11;
    private static final int GUID = 16;
    private static final int DATA_REFERENCE = 0x00;    // u64 file reference of the owner
    private static final int DATA_BIRTH_IDS = 0x08;    // birth volume, birth object, domain
    private static final int BIRTH_IDS = 48;

    private ObjectIds() {
    }

    /** Replaces every 16-byte object id of {@code files} by its 64-byte form. */
    static void complete(NtfsFile[] files, VolumeIo io, FileAssembler assembler, Consumer<Warning> warnings) {
        long objId = -1;
        for (var e : assembler.viewIndexes.entrySet()) {
            NtfsFile f = files[(int) (long) e.getKey()];
            if (f != null && isObjIdFile(f)) {
                objId = e.getKey();
            }
        }
        byte[][] birth = new byte[files.length][];
        if (objId >= 0) {
            List<Attribute> attrs = assembler.viewIndexes.get(objId);
            for (byte[] entry : IndexReader.read(io, objId, INDEX, attrs, warnings)) {
                byte[] data = IndexNode.viewData(entry);
                if (LE.u16(entry, IndexNode.ENTRY_KEY_LENGTH) != GUID || data == null
                        || data.length < DATA_BIRTH_IDS + BIRTH_IDS) {
                    warnings.accept(Warning.of(Warning.Kind.DAMAGED, "$ObjId: malformed $O entry ignored"));
                    continue;
                }
                long rec = LE.u64(data, DATA_REFERENCE) & FileRecord.REF_MASK;
                NtfsFile f = rec < files.length ? files[(int) rec] : null;
                byte[] id = f == null ? null : f.objectId();
                if (id == null || !Arrays.equals(id, 0, GUID, entry, IndexNode.ENTRY_KEY, IndexNode.ENTRY_KEY + GUID)) {
                    warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                            "$ObjId: entry for MFT record " + rec + " does not match its $OBJECT_ID; ignored"));
                    continue;
                }
                birth[(int) rec] = Arrays.copyOfRange(data, DATA_BIRTH_IDS, DATA_BIRTH_IDS + BIRTH_IDS);
            }
        }
        for (NtfsFile f : files) {
            if (f == null || !f.hasShortObjectId()) {
                continue;
            }
            byte[] ids = birth[(int) f.recordNumber()];
            if (ids == null) {
                warnings.accept(Warning.of(Warning.Kind.DAMAGED,
                        "MFT record " + f.recordNumber() + ": object id not indexed in $ObjId;"
                        + " birth and domain ids taken as zero"));
                ids = new byte[BIRTH_IDS];
            }
            f.completeObjectId(ids);
        }
    }

    private static boolean isObjIdFile(NtfsFile f) {
        for (FileNameInfo n : f.names()) {
            if (n.parentRecord() == REC_EXTEND && n.name().equals("$ObjId")) {
                return true;
            }
        }
        return false;
    }
}
