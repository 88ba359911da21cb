package org.jwim.ntfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A volume inside a larger channel (a partition of a disk image), and the fallbacks for a damaged
 * primary boot sector ($Boot backup in the last sector) and $MFT record 0 ($MFTMirr).
 */
class NtfsPartitionOffsetTest {
    private static final long OFFSET = 1 << 20;

    @TempDir
    Path tmp;

    private FileChannel disk(Path img) throws Exception {
        FileChannel out = FileChannel.open(tmp.resolve("disk.img"), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        out.write(ByteBuffer.wrap(new byte[] {(byte) 0xEB, 0x52, (byte) 0x90, 'N', 'T', 'F', 'S'}), 0);
        try (FileChannel in = FileChannel.open(img, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            long done = 0;
            int n;
            while ((n = in.read(buf.clear(), done)) > 0) {
                out.write(buf.flip(), OFFSET + done);
                done += n;
            }
            out.write(ByteBuffer.wrap(new byte[4096]), OFFSET + in.size());   // trailing space
        }
        return out;
    }

    @Test
    void volumeAtAnOffsetReadsTheSameWithShiftedExtents() throws Exception {
        Path img = Fixtures.image("small", 4096);
        try (FileChannel plain = FileChannel.open(img, StandardOpenOption.READ);
                FileChannel disk = disk(img)) {
            long length = plain.size();
            NtfsVolume a = NtfsVolume.open(plain, 0, length, w -> { });
            List<String> warnings = new ArrayList<>();
            NtfsVolume b = NtfsVolume.open(disk, OFFSET, length, w -> warnings.add(w.toString()));
            assertEquals(List.of(), warnings);
            assertEquals(Snapshot.ofReader(a, Long.MAX_VALUE), Snapshot.ofReader(b, Long.MAX_VALUE));
            NtfsFile big = find(a, "big.bin");
            NtfsFile bigB = find(b, "big.bin");
            NtfsExtent ea = big.stream("").extents().get(0);
            NtfsExtent eb = bigB.stream("").extents().get(0);
            assertEquals(ea.physicalOffset() + OFFSET, eb.physicalOffset());
            assertEquals(ea.length(), eb.length());
            assertEquals(a.serialNumber(), b.serialNumber());
            assertThrows(NtfsFormatException.class, () -> NtfsVolume.open(disk, 0, length, w -> { }),
                    "no NTFS boot sector at offset 0");
        }
    }

    @Test
    void damagedBootSectorAndMftRecord0FallBackToTheirCopies() throws Exception {
        Path img = Fixtures.image("small", 4096);
        try (FileChannel plain = FileChannel.open(img, StandardOpenOption.READ);
                FileChannel disk = disk(img)) {
            long length = plain.size();
            NtfsVolume clean = NtfsVolume.open(plain, 0, length, w -> { });
            ByteBuffer boot = ByteBuffer.allocate(512).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            disk.read(boot, OFFSET);
            long mft = OFFSET + boot.getLong(0x30) * clean.clusterSize();
            disk.write(ByteBuffer.wrap(new byte[] {0, 0, 0}), OFFSET + 3);      // OEM id gone
            disk.write(ByteBuffer.wrap(new byte[] {0x11}), mft + 510);         // torn sector in record 0
            List<String> warnings = new ArrayList<>();
            NtfsVolume v = NtfsVolume.open(disk, OFFSET, length, w -> warnings.add(w.toString()));
            assertEquals(3, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("backup"), warnings.toString());
            assertTrue(warnings.get(1).contains("$MFTMirr"), warnings.toString());
            assertTrue(warnings.get(2).contains("MFT record 0: fixup mismatch"), warnings.toString());
            assertEquals(clean.file(0).stream("").size(), v.file(0).stream("").size());
            assertEquals(Snapshot.ofReader(clean, Long.MAX_VALUE), Snapshot.ofReader(v, Long.MAX_VALUE));
        }
    }

    private static NtfsFile find(NtfsVolume vol, String name) {
        NtfsFile a = null;
        for (NtfsDirEntry e : vol.list(vol.root())) {
            if (e.name().equals("a")) {
                a = e.file();
            }
        }
        for (NtfsDirEntry e : vol.list(a)) {
            if (e.name().equals(name)) {
                return e.file();
            }
        }
        throw new AssertionError(name + " not found");
    }
}
