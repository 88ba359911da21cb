package org.jwim.wim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A commit removes the temporary files of killed writers of its target, and only those. */
class WimTempFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aCommitRemovesStaleTemporariesButNotALiveWritersOrOthers() throws Exception {
        Path wim = dir.resolve("t.wim");
        Files.write(dir.resolve(".t.wim.jwim-1a2b.tmp"), new byte[100]); // a killed writer's
        Files.write(dir.resolve(".other.wim.jwim-1a2b.tmp"), new byte[1]); // another target's
        Files.write(dir.resolve(".t.wim.jwim-xyz.tmp"), new byte[1]); // not a name jwim makes
        try (WimWriter live = WimWriter.create(wim, WriteOptions.defaults().compression(CompressionType.NONE))) {
            assertEquals(4, names().size(), names().toString());
            try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(CompressionType.NONE))) {
                w.addImage(WimWriterOracleTest.sampleTree("a"), ImageInfo.of("a", ""));
                w.commit();
            }
            List<String> after = names();
            assertFalse(after.contains(".t.wim.jwim-1a2b.tmp"), after.toString());
            assertTrue(after.contains(".other.wim.jwim-1a2b.tmp") && after.contains(".t.wim.jwim-xyz.tmp")
                    && after.contains("t.wim"), after.toString());
            assertEquals(4, after.size(), "the live writer's file stays: " + after);
            live.addImage(WimWriterOracleTest.sampleTree("b"), ImageInfo.of("b", ""));
            live.commit();
        }
        assertEquals(List.of(".other.wim.jwim-1a2b.tmp", ".t.wim.jwim-xyz.tmp", "t.wim"), names());
        try (WimFile w = WimFile.open(wim)) {
            assertEquals("b", w.images().get(0).info().name());
        }
    }
}
