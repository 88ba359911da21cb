package org.jwim.capture.disk;

import org.jwim.capture.testing.DiskFixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jwim.capture.testing.OracleTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Partition tables, file-system sniffing and media kinds, checked against sfdisk. */
class DiskTest {
    @TempDir
    Path tmp;

    /** Partition (start, size) in sectors as sfdisk dumps them, in table order. */
    private static List<long[]> sfdisk(Path img) throws Exception {
        String dump = OracleTools.run(null, "sfdisk", "-d", img.toString());
        List<long[]> parts = new ArrayList<>();
        Matcher m = Pattern.compile("start=\\s*(\\d+), size=\\s*(\\d+), type=(\\w+)").matcher(dump);
        while (m.find()) {
            String type = m.group(3);
            if (!type.equals("5") && !type.equals("f")) {
                parts.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
            }
        }
        return parts;
    }

    private static void assertLayoutMatchesSfdisk(Disk disk) throws Exception {
        List<long[]> expected = sfdisk(disk.path());
        List<Volume> vols = disk.volumes();
        assertEquals(expected.size(), vols.size());
        for (int i = 0; i < vols.size(); i++) {
            assertEquals(expected.get(i)[0] * 512, vols.get(i).offset(), "offset of volume " + (i + 1));
            assertEquals(expected.get(i)[1] * 512, vols.get(i).length(), "length of volume " + (i + 1));
        }
    }

    @Test
    void gptDiskVolumesInTableOrderWithFileSystems() throws Exception {
        try (Disk disk = Disk.open(DiskFixtures.dir().resolve("gpt.img"))) {
            assertEquals(PartitionTable.Scheme.GPT, disk.table().scheme());
            assertLayoutMatchesSfdisk(disk);
            List<FileSystemKind> fs = disk.volumes().stream().map(Volume::fileSystem).toList();
            assertEquals(List.of(FileSystemKind.FAT32, FileSystemKind.UNFORMATTED, FileSystemKind.NTFS,
                    FileSystemKind.EXT, FileSystemKind.EXFAT), fs);
            List<Boolean> captured = disk.volumes().stream().map(Volume::captured).toList();
            assertEquals(List.of(true, false, true, false, false), captured);
            assertEquals("unformatted", disk.volumes().get(1).skipReason());
            assertTrue(disk.volumes().get(4).skipReason().contains("exFAT"));
            assertEquals(MediaKind.FIXED, disk.media());
        }
    }

    @Test
    void mbrDiskWithLogicalPartition() throws Exception {
        try (Disk disk = Disk.open(DiskFixtures.dir().resolve("mbr.img"))) {
            assertEquals(PartitionTable.Scheme.MBR, disk.table().scheme());
            assertLayoutMatchesSfdisk(disk);
            assertEquals(List.of(1, 2, 3, 5, 6), disk.volumes().stream().map(v -> v.partition().number()).toList());
            List<FileSystemKind> fs = disk.volumes().stream().map(Volume::fileSystem).toList();
            assertEquals(List.of(FileSystemKind.FAT32, FileSystemKind.UNFORMATTED, FileSystemKind.NTFS,
                    FileSystemKind.EXT, FileSystemKind.NTFS), fs);
        }
    }

    /** An MBR entry: type, start and size in sectors. */
    private static void entry(ByteBuffer b, int table, int i, int type, long start, long size) {
        b.put(table + 446 + 16 * i + 4, (byte) type).putInt(table + 446 + 16 * i + 8, (int) start)
                .putInt(table + 446 + 16 * i + 12, (int) size);
        b.put(table + 510, (byte) 0x55).put(table + 511, (byte) 0xAA);
    }

    @Test
    void ebrWithTwoLogicalPartitionsAndTheLinkListsEveryPartition() throws Exception {
        OracleTools.requireTool("sfdisk");
        OracleTools.requireTool("partx");
        Path img = tmp.resolve("ebr3.img");
        ByteBuffer b = ByteBuffer.allocate(32 << 20).order(ByteOrder.LITTLE_ENDIAN);
        entry(b, 0, 0, 0x07, 100, 1948);
        entry(b, 0, 1, 0x0F, 2048, 60000);
        int ebr1 = 2048 * 512;                       // entries 0 and 1 logical, entry 2 the link
        entry(b, ebr1, 0, 0x07, 2048, 4096);
        entry(b, ebr1, 1, 0x83, 8192, 4096);
        entry(b, ebr1, 2, 0x05, 16384, 6144);
        int ebr2 = (2048 + 16384) * 512;             // the link first, then the logical partition
        entry(b, ebr2, 0, 0x85, 24576, 4096);
        entry(b, ebr2, 1, 0x0C, 2048, 2048);
        int ebr3 = (2048 + 24576) * 512;
        entry(b, ebr3, 0, 0x07, 63, 2000);
        Files.write(img, b.array());
        List<long[]> partx = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s*(\\d+)\\s+(\\d+)\\s+\\d+\\s+(\\d+)")
                .matcher(OracleTools.run(null, "partx", "--show", img.toString()));
        while (m.find()) {
            if (!m.group(1).equals("2")) {           // the extended partition itself
                partx.add(new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(1))});
            }
        }
        try (Disk disk = Disk.open(img)) {
            List<String> ours = disk.volumes().stream().map(v -> v.partition().number() + "@" + v.offset() / 512
                    + "+" + v.length() / 512).toList();
            assertEquals(partx.stream().map(p -> p[2] + "@" + p[0] + "+" + p[1]).toList(), ours, "partx --show");
            assertEquals(List.of("1@100+1948", "5@4096+4096", "6@10240+4096", "7@20480+2048", "8@26687+2000"), ours);
            for (long[] p : sfdisk(img)) {               // sfdisk reads one logical per EBR: a subset
                assertTrue(ours.stream().anyMatch(o -> o.endsWith("@" + p[0] + "+" + p[1])), p[0] + " in " + ours);
            }
        }
    }

    private Path copy(String name) throws Exception {
        Path p = tmp.resolve(name);
        OracleTools.run(null, "cp", "--sparse=always", DiskFixtures.dir().resolve(name).toString(), p.toString());
        return p;
    }

    private static void poke(Path img, long offset, byte... bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), offset);
        }
    }

    @Test
    void damagedPrimaryGptFallsBackToTheBackupAndSaysSo() throws Exception {
        Path img = copy("gpt.img");
        poke(img, 512 + 40, (byte) 0x5A); // first usable LBA: the header CRC no longer matches
        List<String> warnings = new ArrayList<>();
        try (Disk disk = Disk.open(img, Disk.Options.defaults().warnings(warnings::add))) {
            assertEquals(5, disk.volumes().size());
            assertTrue(warnings.get(0).contains("backup header"), warnings.toString());
        }
    }

    @Test
    void gptWithBothHeadersDamagedIsAClearError() throws Exception {
        Path img = copy("gpt.img");
        poke(img, 1024, (byte) 0x5A); // the entry array: both headers' entry CRCs fail
        long size = Files.size(img);
        poke(img, size - 512 * 33, (byte) 0x5A);
        DiskFormatException e = assertThrows(DiskFormatException.class, () -> Disk.open(img).close());
        assertTrue(e.getMessage().contains("CRC32"), e.getMessage());
    }

    @Test
    void overlappingMbrPartitionsAreRefused() throws Exception {
        Path img = copy("mbr.img");
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(90_000);
        poke(img, 446 + 16 + 8, b.array()); // partition 2 now starts inside partition 1... of 3
        DiskFormatException e = assertThrows(DiskFormatException.class, () -> Disk.open(img).close());
        assertTrue(e.getMessage().contains("overlap"), e.getMessage());
    }

    @Test
    void partitionPastTheEndIsRefused() throws Exception {
        Path img = copy("mbr.img");
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0x7FFF_0000);
        poke(img, 446 + 8, b.array());
        DiskFormatException e = assertThrows(DiskFormatException.class, () -> Disk.open(img).close());
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
    }

    @Test
    void extendedPartitionLoopIsDetectedQuickly() throws Exception {
        Path img = copy("mbr.img");
        // The second EBR (sector 200704, 34816 after the extended start) links to itself.
        long ebr = 200704L * 512;
        ByteBuffer link = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        link.put(4, (byte) 5).putInt(8, 34816).putInt(12, 2048);
        poke(img, ebr + 462, link.array());
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            DiskFormatException e = assertThrows(DiskFormatException.class, () -> Disk.open(img).close());
            assertTrue(e.getMessage().contains("loops"), e.getMessage());
        });
    }

    @Test
    void bareVolumeWithoutTableIsOneVolume() throws Exception {
        Path img = tmp.resolve("fat.img");
        OracleTools.requireTool("mkfs.fat");
        OracleTools.run(null, "truncate", "-s", "40M", img.toString());
        OracleTools.run(null, "mkfs.fat", "-F", "32", "-s", "1", img.toString());
        try (Disk disk = Disk.open(img)) {
            assertEquals(PartitionTable.Scheme.NONE, disk.table().scheme());
            assertEquals(1, disk.volumes().size());
            assertEquals(FileSystemKind.FAT32, disk.volumes().get(0).fileSystem());
            assertNull(disk.volumes().get(0).skipReason());
        }
    }

    @Test
    void imageFilesCanBeDeclaredRemovable() throws Exception {
        try (Disk disk = Disk.open(DiskFixtures.dir().resolve("gpt.img"),
                Disk.Options.defaults().media(MediaKind.USB))) {
            assertTrue(disk.volumes().stream().noneMatch(Volume::captured));
            assertTrue(disk.volumes().get(2).skipReason().contains("USB"));
        }
    }

    @Test
    void fakeSysfsMarksRemovableAndUsbDevices() throws Exception {
        Path sys = tmp.resolve("sys");
        Path usbDev = Files.createDirectories(sys.resolve("devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0/block/sdb"));
        Path sdcDev = Files.createDirectories(sys.resolve("devices/pci0000:00/0000:00:17.0/ata3/host2/target2:0:0/2:0:0:0/block/sdc"));
        Path sdaDev = Files.createDirectories(sys.resolve("devices/pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/block/sda"));
        Files.writeString(usbDev.resolve("removable"), "0\n");
        Files.writeString(sdcDev.resolve("removable"), "1\n");
        Files.writeString(sdaDev.resolve("removable"), "0\n");
        Path sda1 = Files.createDirectories(sdaDev.resolve("sda1"));
        Files.writeString(sda1.resolve("partition"), "1\n");
        Path cls = Files.createDirectories(sys.resolve("class/block"));
        Files.createSymbolicLink(cls.resolve("sdb"), usbDev);
        Files.createSymbolicLink(cls.resolve("sdc"), sdcDev);
        Files.createSymbolicLink(cls.resolve("sda"), sdaDev);
        Files.createSymbolicLink(cls.resolve("sda1"), sda1);
        MediaProbe probe = new MediaProbe(sys);
        assertEquals(MediaKind.USB, probe.probe(Path.of("/dev/sdb")));
        assertEquals(MediaKind.REMOVABLE, probe.probe(Path.of("/dev/sdc")));
        assertEquals(MediaKind.FIXED, probe.probe(Path.of("/dev/sda")));
        assertEquals(MediaKind.FIXED, probe.probe(Path.of("/dev/sda1")));
        assertEquals(MediaKind.UNKNOWN, probe.probe(Path.of("/dev/nvme9n1")));
        assertEquals("on a USB disk (ConfigMgr skips USB volumes)",
                Volume.skipReason(FileSystemKind.NTFS, MediaKind.USB));
        assertEquals("on removable media", Volume.skipReason(FileSystemKind.FAT32, MediaKind.REMOVABLE));
    }

    @Test
    void loopDeviceIsReadThroughItsBlockDeviceSize() throws Exception {
        OracleTools.requireTool("losetup");
        OracleTools.requireRoot();
        Path img = copy("gpt.img");
        OracleTools.Result r = OracleTools.runResult(null, "losetup", "-f", "--show", "-r", img.toString());
        OracleTools.requireEnvironment(r.exit() == 0, "cannot attach a loop device here: " + r.output().trim());
        Path dev = Path.of(r.output().trim());
        try (Disk disk = Disk.open(dev)) {
            assertEquals(Files.size(img), disk.size());
            assertEquals(5, disk.volumes().size());
            assertEquals(FileSystemKind.NTFS, disk.volumes().get(2).fileSystem());
            assertEquals(MediaKind.FIXED, disk.media());
        } finally {
            OracleTools.run(null, "losetup", "-d", dev.toString());
        }
    }
}
