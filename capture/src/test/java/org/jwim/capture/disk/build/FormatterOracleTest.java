package org.jwim.capture.disk.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jwim.capture.testing.ApplyFixtures;
import org.jwim.capture.testing.OracleTools;
import org.jwim.fat.write.FatFormatter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The formatters pick what mkfs.fat and mkntfs pick for the same volume: FAT cluster size,
 * reserved sectors and FAT size (and fsck.fat finds the volumes clean); NTFS sector, cluster,
 * MFT record and index block sizes.
 */
class FormatterOracleTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"64, 32", "100, 32", "300, 32", "1024, 32", "40, 16", "200, 16"})
    void layoutMatchesMkfsFat(int mib, int bits) throws Exception {
        OracleTools.requireTool("mkfs.fat");
        OracleTools.requireTool("fsck.fat");
        long bytes = (long) mib << 20;
        Path ref = tmp.resolve("mkfs.img");
        OracleTools.run(null, "truncate", "-s", mib + "M", ref.toString());
        OracleTools.run(null, "mkfs.fat", "-F", Integer.toString(bits), ref.toString());
        byte[] b = ApplyFixtures.read(ref, 0, 512);
        FatFormatter.Layout l = FatFormatter.layout(bytes, 512, bits == 32);
        assertEquals(b[13] & 0xFF, l.sectorsPerCluster(), "sectors per cluster");
        assertEquals((b[14] & 0xFF) | (b[15] & 0xFF) << 8, l.reservedSectors(), "reserved sectors");
        long fat = bits == 32 ? java.nio.ByteBuffer.wrap(b, 36, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt()
                : (b[22] & 0xFF) | (b[23] & 0xFF) << 8;
        // mkfs.fat first trims the volume to its own geometry, so its FAT may be a few sectors smaller
        long diff = l.fatSectors() - fat;
        assertEquals(true, Math.abs(diff) <= l.sectorsPerCluster() + 1,
                "FAT sectors: ours " + l.fatSectors() + ", mkfs.fat " + fat);
        assertEquals(0, (l.reservedSectors() + 2 * l.fatSectors() + l.rootSectors()) % l.sectorsPerCluster(),
                "the data area starts on a cluster boundary");

        Path mine = tmp.resolve("mine.img");
        try (FileChannel ch = FileChannel.open(mine, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.wrap(new byte[1]), bytes - 1);
            FatFormatter.format(ch, 0, bytes, 512, bits == 32, "LABEL", 0x1234_5678, 0);
        }
        ApplyFixtures.fsckClean(mine, 0, bytes, tmp.resolve("fsck.img"));
        Files.delete(mine);
    }

    @ParameterizedTest
    @CsvSource({"64", "4096"})
    void ntfsGeometryMatchesMkntfs(int mib) throws Exception {
        OracleTools.requireTool("mkntfs");
        long bytes = (long) mib << 20;
        Path ref = tmp.resolve("mkntfs.img");
        OracleTools.run(null, "truncate", "-s", mib + "M", ref.toString());
        OracleTools.run(null, "mkntfs", "-Q", "-F", ref.toString());
        Path disk = tmp.resolve("disk.img");
        DiskBuilder.mbr(bytes + (2L << 20)).partition(PartitionSpec.ntfs(bytes)).write(disk);
        byte[] want = ApplyFixtures.read(ref, 0, 512);
        byte[] got = ApplyFixtures.read(disk, 1L << 20, 512);
        assertEquals(java.util.Arrays.toString(java.util.Arrays.copyOfRange(want, 11, 14)),
                java.util.Arrays.toString(java.util.Arrays.copyOfRange(got, 11, 14)), "bytes per sector, sectors per cluster");
        assertEquals(want[0x40], got[0x40], "MFT record size");
        assertEquals(want[0x44], got[0x44], "index block size");
    }
}
