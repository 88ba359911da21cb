package org.jwim.ntfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Small images made with other cluster, sector and record sizes read as ntfs-3g sees them. */
class NtfsClusterSizeTest {
    @ParameterizedTest
    @CsvSource({"512,512,1024", "65536,512,1024", "4096,4096,4096"})
    void smallImageMatchesNtfs3g(int clusterSize, int sectorSize, int recordSize) throws Exception {
        Path img = Fixtures.image("small", clusterSize, sectorSize);
        Path mnt = Files.createTempDirectory("jwim-ntfs-mnt");
        Map<String, Snapshot.Node> oracle;
        OracleTools.run("ntfs-3g", "-o", "ro,streams_interface=xattr", img.toString(), mnt.toString());
        try {
            oracle = Snapshot.ofMount(mnt);
        } finally {
            OracleTools.run("umount", mnt.toString());
            Files.delete(mnt);
        }
        List<String> warnings = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ)) {
            NtfsVolume vol = NtfsVolume.open(ch, 0, ch.size(), w -> warnings.add(w.toString()));
            assertEquals(clusterSize, vol.clusterSize());
            assertEquals(recordSize, vol.fileRecordSize());
            assertEquals(List.of(), warnings);
            assertEquals(oracle, Snapshot.ofReader(vol, Long.MAX_VALUE));
        }
    }
}
