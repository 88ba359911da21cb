package org.jwim.wim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Random;
import org.jwim.wim.blob.MemorySource;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.StreamKind;
import org.jwim.wim.model.StreamRef;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** LZ4 and Zstd WIMs round-trip in jwim and are rejected cleanly by wimlib. */
class NonStandardCodecTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"LZ4", "ZSTD"})
    void roundTripInJwimAndCleanRejectionByWimlib(CompressionType type) throws Exception {
        byte[] data = new byte[200_000];
        Random rnd = new Random(9);
        String[] words = {"alpha ", "beta ", "gamma ", "delta ", "epsilon ", "zeta "};
        for (int i = 0; i < data.length;) {
            for (byte b : words[rnd.nextInt(words.length)].getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
                if (i < data.length) {
                    data[i++] = b;
                }
            }
        }
        ImageTree t = ImageTree.empty();
        Inode in = new Inode(Inode.ATTR_NORMAL);
        in.addStream(StreamRef.fromSource(StreamKind.DATA, "", new MemorySource(data)));
        t.root().add(new Dentry("f", in));
        Path wim = dir.resolve("x.wim");
        try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(type))) {
            w.addImage(t, ImageInfo.of("x", ""));
            w.commit();
        }
        try (WimFile f = WimFile.open(wim)) {
            assertEquals(type, f.compression());
            assertTrue(f.verify().ok());
            var blob = f.blobs().stream().filter(b -> !b.metadata()).findFirst().orElseThrow();
            assertTrue(blob.storedSize() < data.length / 2, "compressed: " + blob.storedSize());
            try (InputStream s = f.openBlob(blob.hash())) {
                assertArrayEquals(data, s.readAllBytes());
            }
        }
        OracleTools.Result r = OracleTools.run(dir, "wimlib-imagex", "verify", wim.toString());
        assertNotEquals(0, r.exitCode());
        assertTrue(r.stderr().toLowerCase().contains("compress") || r.stderr().contains("invalid"),
                "wimlib should explain the refusal: " + r.stderr());
    }
}
