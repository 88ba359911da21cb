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
import org.jwim.capture.source.CaptureConfig;
import org.jwim.capture.source.NtfsSource;
import org.jwim.capture.testing.OracleTools;
import org.jwim.ntfs.NtfsFile;
import org.jwim.ntfs.NtfsVolume;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.WimFile;
import org.jwim.wim.WimWriter;
import org.jwim.wim.WriteOptions;

/**
 * Extended attributes too large to stay in the file record, as Windows stores them (a
 * non-resident $EA): ntfs-3g writes them so on the source, jwim captures them, and a raw NTFS
 * apply writes them back non-resident, byte for byte as ntfs-3g's {@code ntfscat} reads them, on
 * a volume {@code ntfsfix -n} finds clean. (ntfs-3g's own {@code system.ntfs_ea} cannot read a
 * non-resident $EA back: EIO, so ntfscat is the oracle.)
 */
class NtfsLargeEaApplyTest {
    /** Two $EA values over 512 bytes (applied non-resident) and a small one (resident). */
    private static final List<String> FILES = List.of("big.txt", "big-dir", "small.txt");

    @TempDir
    Path tmp;

    @Test
    void largeExtendedAttributesAreAppliedNonResident() throws Exception {
        OracleTools.requireTool("mkntfs");
        OracleTools.requireTool("ntfscat");
        Path src = image("src.img");
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        OracleTools.run(null, "ntfs-3g", src.toString(), mnt.toString());
        try {
            // entries laid out as in $EA: u32 next, u8 flags, u8 name length, u16 value length,
            // name, NUL, value, padding to 4; 4604, 2012 and 20 bytes
            String script = "import os,struct,sys\n"
                    + "def ea(*es):\n"
                    + " out=b''\n"
                    + " for f,n,v in es:\n"
                    + "  b=struct.pack('<BBH',f,len(n),len(v))+n+b'\\0'+v\n"
                    + "  s=(4+len(b)+3)&~3\n"
                    + "  out+=struct.pack('<I',s)+b+bytes(s-4-len(b))\n"
                    + " return out\n"
                    + "d=sys.argv[1]\n"
                    + "open(d+'/big.txt','wb').write(b'large EA\\n')\n"
                    + "os.setxattr(d+'/big.txt','system.ntfs_ea',ea((0,b'BIG.ONE',bytes(range(256))*12),"
                    + "(0x80,b'SECOND',b'y'*1500)))\n"
                    + "os.mkdir(d+'/big-dir')\n"
                    + "os.setxattr(d+'/big-dir','system.ntfs_ea',ea((0,b'DIR.EA',b'd'*1990)))\n"
                    + "open(d+'/small.txt','wb').write(b'small EA\\n')\n"
                    + "os.setxattr(d+'/small.txt','system.ntfs_ea',ea((0,b'$LXUID',struct.pack('<I',1000))))\n";
            OracleTools.run(null, "python3", "-c", script, mnt.toString());
        } finally {
            OracleTools.run(null, "umount", mnt.toString());
        }
        assertTrue(OracleTools.run(null, "ntfsinfo", "-F", "/big.txt", src.toString())
                .matches("(?s).*\\$EA \\(0xe0\\).*?Resident:\\s+No.*"), "the source's large $EA is non-resident");

        Path wim = tmp.resolve("ea.wim");
        try (FileChannel ch = FileChannel.open(src, StandardOpenOption.READ);
                WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(CompressionType.XPRESS))) {
            w.addImage(NtfsSource.of(ch, 0, ch.size()).config(CaptureConfig.defaults()).scan(), ImageInfo.of("ea", ""));
            w.commit();
        }
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
        assertTrue(OracleTools.run(null, "ntfsinfo", "-F", "/big.txt", dst.toString())
                .matches("(?s).*\\$EA \\(0xe0\\).*?Resident:\\s+No.*"), "the applied large $EA is non-resident");
        for (String f : FILES) {
            String theirs = eaHash(src, f);
            assertEquals(theirs, eaHash(dst, f), f + ": $EA as ntfscat reads it");
            assertArrayEquals(ea(src, f), ea(dst, f), f + ": $EA as jwim reads it");
        }
        assertEquals(4604, ea(dst, "big.txt").length);
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
