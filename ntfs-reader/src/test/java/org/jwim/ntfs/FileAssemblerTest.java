package org.jwim.ntfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jwim.common.LE;
import org.jwim.ntfs.data.VolumeIo;
import org.jwim.ntfs.format.Attribute;
import org.jwim.ntfs.format.FileRecord;
import org.jwim.ntfs.format.RunList;

class FileAssemblerTest {
    private final List<String> warnings = new ArrayList<>();
    private final SecurityTable security = new SecurityTable();
    private final FileAssembler assembler = new FileAssembler(
            new VolumeIo(null, 1 << 20, 1 << 30, 4096, 1 << 18), security, w -> warnings.add(w.toString()));

    private static Attribute resident(int type, String name, byte[] value) {
        return new Attribute(type, name, 0, 0, value, null, 0, value.length, value.length, value.length, 0);
    }

    private static Attribute piece(String name, int flags, long lowestVcn, long[] lengths, long[] lcns,
            long size) {
        return new Attribute(Attribute.TYPE_DATA, name, flags, 0, null, RunList.of(lengths, lcns),
                lowestVcn, size, size, size, 4);
    }

    static byte[] standardInformation(int attributes, int securityId) {
        byte[] v = new byte[72];
        for (int i = 0; i < 4; i++) {
            LE.put64(v, 8 * i, 132000000000000000L + i);
        }
        LE.put32(v, 0x20, attributes);
        LE.put32(v, 0x34, securityId);
        return v;
    }

    static byte[] fileName(long parentRef, int namespace, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_16LE);
        byte[] v = new byte[0x42 + n.length];
        LE.put64(v, 0, parentRef);
        v[0x40] = (byte) name.length();
        v[0x41] = (byte) namespace;
        System.arraycopy(n, 0, v, 0x42, n.length);
        return v;
    }

    private static FileRecord base(int flags) {
        return new FileRecord(77, 3, flags, 0, List.of());
    }

    @Test
    void joinsSplitDataAndReadsMetadata() {
        byte[] reparse = new byte[8 + 4];
        LE.put32(reparse, 0, 0xA000000C);
        LE.put16(reparse, 4, 4);
        System.arraycopy(new byte[] {1, 2, 3, 4}, 0, reparse, 8, 4);
        List<Attribute> attrs = List.of(
                resident(Attribute.TYPE_STANDARD_INFORMATION, "", standardInformation(0x3000_0421, 0x105)),
                resident(Attribute.TYPE_FILE_NAME, "", fileName(5 | 5L << 48, 1, "name.txt")),
                resident(Attribute.TYPE_FILE_NAME, "", fileName(5 | 5L << 48, 2, "NAME.TXT")),
                resident(Attribute.TYPE_DATA, "ads", new byte[] {9, 8}),
                piece("", Attribute.FLAG_SPARSE, 4, new long[] {2}, new long[] {RunList.SPARSE}, 0),
                piece("", Attribute.FLAG_SPARSE, 0, new long[] {4}, new long[] {100}, 20000),
                resident(Attribute.TYPE_REPARSE_POINT, "", reparse),
                resident(Attribute.TYPE_OBJECT_ID, "", new byte[16]),
                resident(Attribute.TYPE_EA, "", new byte[] {7}));
        security.parseSds(sds(0x105), 512);
        NtfsFile f = assembler.assemble(base(FileRecord.FLAG_IN_USE), attrs);
        assertEquals(List.of(), warnings);
        assertEquals(77, f.recordNumber());
        assertEquals(3, f.sequenceNumber());
        assertEquals(0x421, f.attributes(), "internal index flags are masked");
        assertEquals(132000000000000000L, f.creationTime());
        assertEquals(132000000000000001L, f.lastWriteTime());
        assertEquals(132000000000000002L, f.changeTime());
        assertEquals(132000000000000003L, f.lastAccessTime());
        assertEquals(1, f.linkCount());
        assertEquals(0xA000000C, f.reparseTag());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, f.reparseData());
        assertEquals(16, f.objectId().length);
        assertArrayEquals(new byte[] {7}, f.extendedAttributes());
        assertEquals(0x105, f.securityId());
        assertArrayEquals(new byte[] {1, 0, 4, (byte) 0x80}, java.util.Arrays.copyOf(f.securityDescriptor(), 4));
        assertEquals(2, f.streams().size());
        NtfsStream main = f.streams().get(0);
        assertEquals("", main.name());
        assertEquals(20000, main.size());
        assertTrue(main.isSparse());
        assertEquals(List.of(new NtfsExtent((1 << 20) + 100L * 4096, 16384), new NtfsExtent(-1, 20000 - 16384)),
                main.extents());
        assertEquals("ads", f.streams().get(1).name());
        assertArrayEquals(new byte[] {9, 8}, f.streams().get(1).residentData());
        assertFalse(f.isEncrypted());
    }

    /** One $SDS entry at offset 0 with a 20-byte descriptor. */
    private static byte[] sds(int id) {
        byte[] b = new byte[512];
        LE.put32(b, 4, id);
        LE.put64(b, 8, 0);
        LE.put32(b, 16, 40);
        b[20] = 1;
        b[22] = 4;
        b[23] = (byte) 0x80;
        return b;
    }

    @Test
    void flagsEncryptedFilesAndReportsDamagedAttributes() {
        byte[] badReparse = new byte[8];
        LE.put16(badReparse, 4, 100);
        List<Attribute> attrs = List.of(
                resident(Attribute.TYPE_STANDARD_INFORMATION, "", new byte[10]),
                resident(Attribute.TYPE_FILE_NAME, "", new byte[0x30]),
                piece("", Attribute.FLAG_ENCRYPTED, 0, new long[] {1}, new long[] {5}, 100),
                piece("gap", 0, 0, new long[] {1}, new long[] {6}, 4096),
                piece("gap", 0, 3, new long[] {1}, new long[] {7}, 4096),
                new Attribute(Attribute.TYPE_DATA, "zip", Attribute.FLAG_COMPRESSED, 0, null,
                        RunList.of(new long[] {1}, new long[] {8}), 0, 4096, 4096, 4096, 0),
                piece("big", 0, 0, new long[] {1}, new long[] {9}, 1_000_000_000L),
                resident(Attribute.TYPE_REPARSE_POINT, "", badReparse));
        NtfsFile f = assembler.assemble(base(FileRecord.FLAG_IN_USE | FileRecord.FLAG_DIRECTORY), attrs);
        assertTrue(f.isEncrypted());
        assertTrue(f.isDirectory());
        assertEquals(NtfsFile.ATTRIBUTE_DIRECTORY, f.attributes());
        assertEquals(0, f.linkCount());
        assertNull(f.reparseData());
        assertEquals(2, f.streams().size());
        assertEquals(4096, f.stream("big").size());
        assertNull(f.securityDescriptor());
        assertEquals(7, warnings.size(), warnings.toString());
        String all = String.join("\n", warnings);
        assertTrue(all.contains("$STANDARD_INFORMATION missing fields"), all);
        assertTrue(all.contains("malformed $FILE_NAME"), all);
        assertTrue(all.contains("starts at VCN 3, expected 1"), all);
        assertTrue(all.contains("without a compression unit"), all);
        assertTrue(all.contains("$REPARSE_POINT"), all);
        assertTrue(all.contains("exceeds the 4096 bytes its runs cover"), all);
    }

    @Test
    void readsTheUsnOfTheLongStandardInformationOnly() {
        byte[] si = standardInformation(0x20, 0x100);
        LE.put64(si, 0x40, 0x1234_5678_9AL);
        NtfsFile f = assembler.assemble(base(FileRecord.FLAG_IN_USE),
                List.of(resident(Attribute.TYPE_STANDARD_INFORMATION, "", si)));
        assertEquals(0x1234_5678_9AL, f.usn());
        assertEquals(132000000000000002L, f.changeTime(), "MFT change time, the third FILETIME");
        byte[] shortSi = java.util.Arrays.copyOf(si, 0x30); // NTFS 1.2: no security id, no USN
        f = assembler.assemble(base(FileRecord.FLAG_IN_USE),
                List.of(resident(Attribute.TYPE_STANDARD_INFORMATION, "", shortSi)));
        assertEquals(0, f.usn());
    }
}
