package org.jwim.capture.apply;

import org.jwim.capture.testing.ApplyFixtures;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.jwim.capture.Apply;
import org.jwim.capture.testing.TestTrees;
import org.jwim.capture.disk.Disk;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.WimFile;
import org.jwim.wim.WimWriter;
import org.jwim.wim.WriteOptions;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.SecurityDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's 8.3 names survive an apply to raw FAT when they are valid and free (mtools is the
 * oracle). Children are applied in the image's sorted order, so of two claimants of one short
 * name the first keeps it.
 */
class ApplyShortNameTest {
    @TempDir
    Path tmp;

    @Test
    void shortNamesFromTheImageAreKeptWhereValidAndFree() throws Exception {
        Dentry root = new Dentry("", new Inode(Inode.ATTR_DIRECTORY));
        Dentry programs = TestTrees.dir("Program Files").shortName("PROGRA~2");
        programs.add(TestTrees.file("Long file name.txt", "a".getBytes()).shortName("LONGFI~7.TXT"));
        root.add(programs);
        root.add(TestTrees.file("Zclash long name.txt", "b".getBytes()).shortName("PROGRA~2"));
        root.add(TestTrees.file("No short name given.txt", "c".getBytes()));
        root.add(TestTrees.file("Bad short.txt", "d".getBytes()).shortName("BAD SHORT.TXT"));
        root.add(TestTrees.file("lower.txt", "e".getBytes()).shortName("OTHER.TXT"));
        Path wim = tmp.resolve("short.wim");
        try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(CompressionType.XPRESS))) {
            w.addImage(new ImageTree(root, new SecurityDescriptors()), ImageInfo.of("short", ""));
            w.commit();
        }
        Path img = ApplyFixtures.bareFat(tmp.resolve("fat.img"), "32", 34);
        try (WimFile w = WimFile.open(wim); Disk d = Disk.openWritable(img)) {
            Apply.wim(w).toDisk(d).run();
        }
        ApplyFixtures.fsckClean(img, 0, java.nio.file.Files.size(img), tmp.resolve("check.img"));
        String top = ApplyFixtures.mtools("mdir", "-i", img.toString(), "::/");
        String sub = ApplyFixtures.mtools("mdir", "-i", img.toString(), "::/Program Files");
        assertTrue(top.matches("(?s).*PROGRA~2\\s+<DIR>.*Program Files.*"), "kept directory short name:\n" + top);
        assertTrue(sub.matches("(?s).*LONGFI~7 TXT .*Long file name\\.txt.*"), "kept file short name:\n" + sub);
        assertTrue(top.matches("(?s).*ZCLASH~1 TXT .*Zclash long name\\.txt.*"), "taken short name regenerated:\n" + top);
        assertTrue(top.matches("(?s).*NOSHOR~1 TXT .*No short name given\\.txt.*"), "missing short name generated:\n" + top);
        assertTrue(top.matches("(?s).*BADSHO~1 TXT .*Bad short\\.txt.*"), "invalid short name regenerated:\n" + top);
        assertTrue(top.matches("(?s).*lower\\s+txt .*") && !top.contains("OTHER"), "an 8.3 long name is its own short name:\n" + top);
    }
}
