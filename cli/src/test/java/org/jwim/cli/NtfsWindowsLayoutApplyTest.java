package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.apply.ApplyOptions;
import org.jwim.capture.apply.NtfsVolumeTarget;
import org.jwim.capture.apply.Protection;
import org.jwim.capture.testing.OracleTools;
import org.jwim.ntfs.NtfsFile;
import org.jwim.ntfs.NtfsVolume;
import org.jwim.wim.WimFile;

/**
 * Layouts found on Windows-made volumes that the fixtures lacked, written on a source volume by
 * ntfs-3g as Windows writes them, captured by jwim and applied raw onto a fresh volume that
 * {@code ntfsfix -n} then finds clean:
 * <ul>
 * <li>extended attributes too large for the file record (a non-resident $EA), compared byte
 * for byte as ntfs-3g's {@code ntfscat} reads them (its {@code system.ntfs_ea} cannot read a
 * non-resident $EA back: EIO);
 * <li>an object id with birth ids on the root directory (Windows gives the root one), compared
 * as wimlib's NTFS-3G capture reads them.
 * </ul>
 */
class NtfsWindowsLayoutApplyTest {
    /** Two $EA values over 512 bytes (applied non-resident) and a small one (resident). */
    private static final List<String> FILES = List.of("big.txt", "big-dir", "small.txt");

    @TempDir
    Path tmp;

    @Test
    void largeExtendedAttributesAreAppliedNonResident() throws Exception {
        OracleTools.requireTool("ntfscat");
        // entries laid out as in $EA: u32 next, u8 flags, u8 name length, u16 value length,
        // name, NUL, value, padding to 4; 4604, 2012 and 20 bytes
        Path[] volumes = roundTrip("def ea(*es):\n"
                + " out=b''\n"
                + " for f,n,v in es:\n"
                + "  b=struct.pack('<BBH',f,len(n),len(v))+n+b'\\0'+v\n"
                + "  s=(4+len(b)+3)&~3\n"
                + "  out+=struct.pack('<I',s)+b+bytes(s-4-len(b))\n"
                + " return out\n"
                + "open(d+'/big.txt','wb').write(b'large EA\\n')\n"
                + "os.setxattr(d+'/big.txt','system.ntfs_ea',ea((0,b'BIG.ONE',bytes(range(256))*12),"
                + "(0x80,b'SECOND',b'y'*1500)))\n"
                + "os.mkdir(d+'/big-dir')\n"
                + "os.setxattr(d+'/big-dir','system.ntfs_ea',ea((0,b'DIR.EA',b'd'*1990)))\n"
                + "open(d+'/small.txt','wb').write(b'small EA\\n')\n"
                + "os.setxattr(d+'/small.txt','system.ntfs_ea',ea((0,b'$LXUID',struct.pack('<I',1000))))\n");
        Path src = volumes[0];
        Path dst = volumes[1];
        for (Path img : volumes) {
            assertTrue(OracleTools.run(null, "ntfsinfo", "-F", "/big.txt", img.toString())
                    .matches("(?s).*\\$EA \\(0xe0\\).*?Resident:\\s+No.*"), img + ": the large $EA is non-resident");
        }
        for (String f : FILES) {
            String theirs = eaHash(src, f);
            assertEquals(theirs, eaHash(dst, f), f + ": $EA as ntfscat reads it");
            assertArrayEquals(ea(src, f), ea(dst, f), f + ": $EA as jwim reads it");
        }
        assertEquals(4604, ea(dst, "big.txt").length);
    }

    @Test
    void theRootsObjectIdKeepsItsBirthIds() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        // GUID, birth volume, birth object (Windows: the GUID again), domain
        Path[] volumes = roundTrip("g=bytes(range(16))\n"
                + "os.setxattr(d,'system.ntfs_object_id',g+bytes(range(100,116))+g+bytes(16))\n"
                + "open(d+'/f.txt','wb').write(b'f\\n')\n"
                + "os.setxattr(d+'/f.txt','system.ntfs_object_id',bytes(range(32,48))+bytes(range(48,80)))\n");
        String[] listings = new String[2];
        for (int i = 0; i < 2; i++) {
            Path wim = tmp.resolve("wimlib-" + i + ".wim");
            OracleTools.run(null, "wimlib-imagex", "capture", volumes[i].toString(), wim.toString(), "--compress=none");
            listings[i] = OracleTools.run(null, "wimlib-imagex", "dir", wim.toString(), "1", "--detailed")
                    .lines().filter(l -> l.startsWith("Full Path") || l.contains("Object ID") || l.startsWith("Birth"))
                    .reduce("", (a, b) -> a + b + "\n");
        }
        assertTrue(listings[0].startsWith("Full Path           = \"/\"\nObject ID           = 0x000102030405060708090a0b0c0d0e0f\n"
                + "Birth Volume ID     = 0x6465666768696a6b6c6d6e6f70717273\n"), listings[0]);
        assertEquals(listings[0], listings[1], "object ids as wimlib reads them, source then applied");
    }

    /**
     * A fresh source volume populated through an ntfs-3g mount by {@code script} (python, with
     * os, struct and the mount point {@code d}), captured by jwim and applied raw without a
     * warning onto a fresh volume that ntfsfix finds clean; returns the source and the target.
     */
    private Path[] roundTrip(String script) throws Exception {
        OracleTools.requireTool("mkntfs");
        Path src = image("src.img");
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        OracleTools.run(null, "ntfs-3g", src.toString(), mnt.toString());
        try {
            OracleTools.run(null, "python3", "-c", "import os,struct,sys\nd=sys.argv[1]\n" + script, mnt.toString());
        } finally {
            OracleTools.run(null, "umount", mnt.toString());
        }
        Path wim = tmp.resolve("jwim.wim");
        NtfsVolumeTargetRoundTripTest.capture(src, wim);
        Path dst = image("dst.img");
        List<String> warnings = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(dst, StandardOpenOption.READ, StandardOpenOption.WRITE);
                WimFile w = WimFile.open(wim)) {
            NtfsVolumeTarget.open(ch, 0, ch.size(), Protection.defaults(), m -> warnings.add(m.toString()))
                    .apply(w.readImage(1), w::openBlob, ApplyOptions.defaults().readOrder(w.readOrder())
                            .warnings(m -> warnings.add(m.toString())));
        }
        assertEquals(List.of(), warnings);
        String fix = OracleTools.run(null, "ntfsfix", "-n", dst.toString());
        assertTrue(fix.contains("processed successfully"), fix);
        return new Path[] {src, dst};
    }

    private Path image(String name) throws Exception {
        Path img = tmp.resolve(name);
        OracleTools.run(null, "truncate", "-s", "16M", img.toString());
        OracleTools.run(null, "mkntfs", "-F", "-q", "-f", "-c", "4096", img.toString());
        return img;
    }

    /** SHA-256 of the $EA attribute's value, as ntfscat dumps it (nothing when it has none). */
    private static String eaHash(Path img, String file) throws Exception {
        String out = OracleTools.run(null, "bash", "-c", "ntfscat -a 0xE0 \"$0\" \"$1\" | sha256sum",
                img.toString(), "/" + file);
        assertTrue(!out.startsWith("e3b0c442"), file + " has no $EA in " + img);
        return out;
    }

    private static byte[] ea(Path img, String file) throws Exception {
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ)) {
            NtfsVolume v = NtfsVolume.open(ch, 0, ch.size(), m -> { });
            NtfsFile f = v.list(v.root()).stream().filter(e -> e.name().equals(file)).findFirst().orElseThrow().file();
            return f.extendedAttributes();
        }
    }
}
