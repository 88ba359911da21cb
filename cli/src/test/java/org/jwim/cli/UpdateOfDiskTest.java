package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jwim.capture.testing.DiskFixtures;
import org.jwim.capture.testing.OracleTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capture-disk --update-of=WIM}: each volume is compared with the image of WIM captured
 * from the same volume (same serial number), wherever it is in WIM. The reference here holds the
 * MBR fixture's three volumes in reversed order; the incremental capture must still read none of
 * their data and list like a full capture.
 */
class UpdateOfDiskTest {
    @TempDir
    Path tmp;

    private static List<Long> notRead(String out) {
        List<Long> list = new ArrayList<>();
        Matcher m = Pattern.compile("(\\d+) bytes not read").matcher(out);
        while (m.find()) {
            list.add(Long.parseLong(m.group(1)));
        }
        return list;
    }

    @Test
    void eachVolumeTakesTheImageOfItsSerialNumber() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path disk = Files.copy(DiskFixtures.dir().resolve("mbr.img"), tmp.resolve("disk.img"));
        Path first = tmp.resolve("first.wim");
        Jwim.ok("capture-disk", disk, first, "--compress=xpress");
        Path reversed = tmp.resolve("reversed.wim");
        for (String image : new String[] {"3", "2", "1"}) {
            OracleTools.run(null, "wimlib-imagex", "export", first.toString(), image, reversed.toString());
        }
        Path upd = tmp.resolve("update.wim");
        Jwim.Result r = Jwim.ok("capture-disk", disk, upd, "--compress=xpress", "--update-of=" + reversed);
        Path full = tmp.resolve("full.wim");
        Jwim.ok("capture-disk", disk, full, "--compress=xpress");
        List<Long> expected = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String listing = Jwim.ok("dir", full, String.valueOf(i), "--detailed").out();
            assertEquals(DetailedListing.parse(listing),
                    DetailedListing.parse(Jwim.ok("dir", upd, String.valueOf(i), "--detailed").out()), "image " + i);
            long bytes = 0;
            for (Matcher m = Pattern.compile("Uncompressed size = (\\d+)").matcher(listing); m.find();) {
                bytes += Long.parseLong(m.group(1));
            }
            expected.add(bytes);
        }
        assertEquals(expected, notRead(r.out()), "no data of any volume read: " + r.out());
        // WIM:IMAGE names one image: only the volume it was captured from takes it over
        Jwim.Result one = Jwim.ok("capture-disk", disk, tmp.resolve("one.wim"), "--compress=xpress",
                "--update-of=" + first + ":2");
        assertEquals(List.of(0L, expected.get(1), 0L), notRead(one.out()), one.out());
    }
}
