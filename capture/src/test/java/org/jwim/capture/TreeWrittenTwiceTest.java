package org.jwim.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.source.DirectorySource;
import org.jwim.capture.testing.TestTrees;
import org.jwim.capture.testing.TreeSnapshot;
import org.jwim.wim.CancelledException;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.ProgressEvent;
import org.jwim.wim.ProgressListener;
import org.jwim.wim.WimWriter;
import org.jwim.wim.WriteOptions;
import org.jwim.wim.model.ImageTree;

/** A scanned tree is not used up by a write: after a cancelled write, and into a second WIM, it is written whole. */
class TreeWrittenTwiceTest {
    @TempDir
    Path tmp;

    @Test
    void aTreeCanBeWrittenAgainAfterACancelledWriteAndIntoASecondWim() throws Exception {
        Path src = TestTrees.mixed(tmp.resolve("src"));
        ImageTree tree = DirectorySource.of(src).scan();
        // cancelled at points spread over the write, the same tree each time
        Path cancelled = tmp.resolve("cancelled.wim");
        int cancels = 0;
        for (int at = 1; at < 10_000; at += 1 + at / 4) {
            int[] polls = {0};
            int limit = at;
            ProgressListener cancelAt = new ProgressListener() {
                @Override
                public void onEvent(ProgressEvent event) {
                }

                @Override
                public boolean cancelled() {
                    return ++polls[0] >= limit;
                }
            };
            try (WimWriter w = WimWriter.create(cancelled, WriteOptions.defaults().threads(1).progress(cancelAt))) {
                w.addImage(tree, ImageInfo.of("first", ""));
            } catch (CancelledException e) {
                cancels++;
                continue;
            }
            break;                                       // the write got through: the last point was passed
        }
        assertTrue(cancels > 3, cancels + " cancelled writes");
        System.out.println(cancels + " writes cancelled, each at another point");
        assertFalse(Files.exists(cancelled));
        for (String name : new String[] {"a.wim", "b.wim"}) {
            try (WimWriter w = WimWriter.create(tmp.resolve(name), WriteOptions.defaults())) {
                w.addImage(tree, ImageInfo.of("tree", ""));
                w.commit();
            }
            Path out = tmp.resolve("out-" + name);
            Apply.wim(tmp.resolve(name)).toDirectory(out).run();
            assertEquals(TreeSnapshot.of(src, true), TreeSnapshot.of(out, true), name);
        }
    }
}
