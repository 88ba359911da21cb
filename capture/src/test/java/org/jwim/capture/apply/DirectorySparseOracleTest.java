package org.jwim.capture.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.platform.PosixStat;
import org.jwim.capture.testing.OracleTools;
import org.jwim.wim.WimFile;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;

/**
 * A file marked sparse in the WIM is applied as holes where its data is zero: a 10 MiB file of
 * zeros takes no block, as it does when wimlib applies the same WIM (wimlib-imagex is the oracle:
 * it captures the hole-only file, marks it sparse, and its own apply allocates nothing either).
 */
class DirectorySparseOracleTest {
    private static final long SIZE = 10L << 20;

    @TempDir
    Path tmp;

    @Test
    void zeroSparseFileTakesNoBlockLikeWimlibsApply() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        OracleTools.requireEnvironment(PosixStat.available(), "allocated sizes are read on 64-bit Linux only");
        Path src = Files.createDirectories(tmp.resolve("src"));
        try (RandomAccessFile f = new RandomAccessFile(src.resolve("zeros.bin").toFile(), "rw")) {
            f.setLength(SIZE); // all hole
        }
        Files.write(src.resolve("dense.bin"), new byte[1 << 20]); // zeros written out: not sparse
        OracleTools.requireEnvironment(allocated(src.resolve("zeros.bin"), SIZE) == 0,
                "the temporary directory's file system keeps no holes");
        Path wim = tmp.resolve("sparse.wim");
        OracleTools.run(tmp, "wimlib-imagex", "capture", src.toString(), wim.toString(), "--compress=xpress");

        Path byWimlib = tmp.resolve("wimlib");
        OracleTools.run(tmp, "wimlib-imagex", "apply", wim.toString(), "1", byWimlib.toString());
        Path byJwim = tmp.resolve("jwim");
        try (WimFile w = WimFile.open(wim)) {
            ImageTree tree = w.readImage(1);
            assertNotEquals(0, tree.root().child("zeros.bin").inode().attributes() & Inode.ATTR_SPARSE_FILE,
                    "wimlib marks the hole-only file sparse");
            DirectoryTarget.of(byJwim).readOrder(w.readOrder()).apply(tree, w::openBlob);
        }
        assertEquals(0, allocated(byWimlib.resolve("zeros.bin"), SIZE), "wimlib's apply");
        assertEquals(0, allocated(byJwim.resolve("zeros.bin"), SIZE), "jwim's apply");
        assertEquals(allocated(byWimlib.resolve("dense.bin"), 1 << 20), allocated(byJwim.resolve("dense.bin"), 1 << 20),
                "a file of zeros that is not sparse is allocated in full by both");
        assertEquals(-1, Files.mismatch(src.resolve("zeros.bin"), byJwim.resolve("zeros.bin")));
    }

    private static long allocated(Path file, long size) throws IOException {
        return PosixStat.allocatedBytes(file, size).orElseThrow(() -> new IOException(file + ": no size " + size));
    }
}
