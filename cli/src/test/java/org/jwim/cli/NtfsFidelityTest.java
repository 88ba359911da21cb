package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.RawEntries;
import org.jwim.capture.source.CaptureConfig;
import org.jwim.capture.source.NtfsSource;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.WimFile;
import org.jwim.wim.WimWriter;
import org.jwim.wim.WriteOptions;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.TaggedItems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fidelity oracle of NTFS capture: jwim's pure-Java capture of a raw NTFS image and
 * wimlib's NTFS-3G capture of the same image list identically in {@code wimlib-imagex dir
 * --detailed} (modulo layout-only fields) and hold the same blobs; jwim's times equal
 * ntfs-3g's to the 100 ns.
 */
class NtfsFidelityTest {
    @TempDir
    Path tmp;

    private static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts/ntfs/make-fixture.sh"))) {
            p = p.getParent();
        }
        return p;
    }

    private static TreeSet<String> blobs(Path wim) throws Exception {
        TreeSet<String> set = new TreeSet<>();
        String out = OracleTools.run(null, "wimlib-imagex", "info", wim.toString(), "--blobs");
        for (String block : out.split("\n\n")) {
            if (!block.contains("METADATA") && block.contains("Hash")) {
                String[] lines = block.strip().split("\n");
                set.add(lines[0].trim() + " " + lines[1].trim() + " refs " + block.replaceAll("(?s).*Reference Count\\s*=\\s*(\\d+).*", "$1"));
            }
        }
        return set;
    }

    @Test
    void jwimAndWimlibCaptureTheFixtureVolumeIdentically() throws Exception {
        for (String tool : new String[] {"mkntfs", "ntfs-3g", "python3", "wimlib-imagex"}) {
            OracleTools.requireTool(tool);
        }
        OracleTools.requireRoot();
        Path img = tmp.resolve("ntfs.img");
        OracleTools.run(null, "bash", repoRoot().resolve("scripts/ntfs/make-fixture.sh").toString(),
                img.toString(), "full");
        Path theirs = tmp.resolve("wimlib.wim");
        OracleTools.run(null, "wimlib-imagex", "capture", img.toString(), theirs.toString(), "--compress=none");
        Path ours = tmp.resolve("jwim.wim");
        List<String> warnings = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ);
                WimWriter w = WimWriter.create(ours, WriteOptions.defaults().compression(CompressionType.NONE))) {
            w.addImage(NtfsSource.of(ch, 0, ch.size()).config(CaptureConfig.defaults())
                    .warnings(warnings::add).scan(), ImageInfo.of("ntfs", ""));
            w.commit();
        }
        Map<String, List<String>> a = DetailedListing.parse(OracleTools.run(null, "wimlib-imagex", "dir",
                theirs.toString(), "1", "--detailed"));
        Map<String, List<String>> b = DetailedListing.parse(OracleTools.run(null, "wimlib-imagex", "dir",
                ours.toString(), "1", "--detailed"));
        assertEquals("Short Name          = \"UPPER.TXT\"", a.get("Full Path           = \"/UPPER.TXT\"").get(1),
                "wimlib records a WIN32_AND_DOS name as its own short name");
        assertEquals("Short Name          = \"\"", b.get("Full Path           = \"/UPPER.TXT\"").get(1),
                "jwim records it with an empty short name, as Microsoft's imagex does");
        a = DetailedListing.win32AndDosAsEmpty(a);
        assertEquals(new TreeSet<>(a.keySet()), new TreeSet<>(b.keySet()), "paths");
        List<String> diffs = new ArrayList<>();
        for (String path : a.keySet()) {
            if (!a.get(path).equals(b.get(path))) {
                diffs.add(path + "\n  wimlib: " + a.get(path) + "\n  jwim:   " + b.get(path));
            }
        }
        assertEquals(List.of(), diffs.size() > 10 ? diffs.subList(0, 10) : diffs,
                diffs.size() + " dentries differ; jwim warnings: " + warnings);
        assertEquals(blobs(theirs), blobs(ours), "blob sets");
        // dir --detailed prints whole seconds: the times jwim stored must match ntfs-3g's at 100 ns
        assertEquals(List.of(), RawEntries.diffs(RawEntries.ntfsTimes(img, tmp.resolve("mnt")),
                RawEntries.wimTimes(ours, 1)), "100-ns times of jwim's capture against ntfs-3g's");
        assertEquals(1, warnings.stream().filter(w -> w.contains("\"orphan-record.txt\"")
                && w.contains("index does not list it")).count(), "the orphan record is reported: " + warnings);
        // $EA in the WIM's tagged item 2, in DISM's layout (wimlib's NTFS-3G capture stores none)
        try (WimFile f = WimFile.open(ours)) {
            Dentry ea = f.readImage(1).root().children().stream().filter(d -> d.name().equals("ea.txt"))
                    .findFirst().orElseThrow();
            ByteArrayOutputStream want = new ByteArrayOutputStream();
            for (Object[] e : new Object[][] {{0, "$LXUID", le32(1000)}, {0, "$LXGID", le32(1000)},
                    {0, "$LXMOD", le32(0100644)}, {0x80, "APP.SETTING", "needed value".getBytes()}}) {
                byte[] name = ((String) e[1]).getBytes();
                byte[] value = (byte[]) e[2];
                want.write(value.length);
                want.write(value.length >> 8);
                want.write(name.length);
                want.write((Integer) e[0]);
                want.writeBytes(name);
                want.write(0);
                want.writeBytes(value);
            }
            assertEquals(HexFormat.of().formatHex(want.toByteArray()), HexFormat.of().formatHex(
                    TaggedItems.find(ea.inode().taggedItems(), TaggedItems.TAG_EXTENDED_ATTRIBUTES)));
        }
        // jwim's own listing prints what wimlib prints, object ids included
        Map<String, List<String>> c = DetailedListing.parse(Jwim.ok("dir", ours, "1", "--detailed").out());
        assertEquals(b, c, "jwim dir --detailed vs wimlib-imagex dir --detailed of jwim's WIM");
        assertEquals(List.of("Object ID", "Birth Volume ID", "Birth Object ID", "Domain ID"),
                fieldNames(c.get("Full Path           = \"/objid-birth.txt\""), " ID "), "full object id listed");
        assertEquals(List.of("Object ID", "Birth Object ID"),
                fieldNames(c.get("Full Path           = \"/objid-dir\""), " ID "), "zero GUIDs are not listed");
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    private static List<String> fieldNames(List<String> lines, String containing) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (l.contains(containing) && !l.startsWith("Link Group")) {
                out.add(l.substring(0, l.indexOf('=')).strip());
            }
        }
        return out;
    }
}
