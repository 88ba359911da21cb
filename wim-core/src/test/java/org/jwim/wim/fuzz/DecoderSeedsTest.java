package org.jwim.wim.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jwim.wim.CompressionType;
import org.jwim.wim.compress.Codecs;
import org.jwim.wim.compress.TestData;
import org.jwim.wim.compress.WimChunkExtractor;
import org.junit.jupiter.api.Test;

/**
 * The seed corpora of the decoder fuzz targets ({@link DecompressorFuzzTest}), made from real
 * chunks: for XPRESS, LZX, LZ4 and Zstd, chunks jwim's own compressors make of varied data
 * (each as a compressed chunk and as a round-trip input, some with a damaged byte); for LZMS,
 * the chunks wimlib wrote into {@code lzms-seed.wim}, whole and damaged. Deterministic.
 * Regenerate with {@code scripts/fuzz/make-decoder-seeds.sh}; {@code mvn test} replays them.
 */
class DecoderSeedsTest {
    static final int MIN_SEEDS = 20;

    /** Writes every target's seeds under {@code args[0]} (the Inputs directory). */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        for (DecompressorFuzzTest.Target t : DecompressorFuzzTest.Target.values()) {
            Path dir = Files.createDirectories(root.resolve(t.name()));
            try (var old = Files.list(dir)) {
                for (Path p : old.filter(p -> p.getFileName().toString().startsWith("seed-")).toList()) {
                    Files.delete(p);
                }
            }
            Map<String, byte[]> seeds = t.type == CompressionType.LZMS ? lzms() : compressed(t);
            for (Map.Entry<String, byte[]> e : seeds.entrySet()) {
                Files.write(dir.resolve("seed-" + e.getKey()), e.getValue());
            }
            System.out.println(t.name() + ": " + seeds.size() + " seeds");
        }
    }

    /** Plain samples: text, x86 code, audio-like samples, mixed, zeros, a short period, tiny inputs. */
    private static Map<String, byte[]> samples(int chunk) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("text-full", TestData.text(1, chunk));
        m.put("text-5000", TestData.text(2, 5000));
        m.put("text-100", TestData.text(3, 100));
        m.put("x86-full", TestData.x86(4, chunk));
        m.put("x86-3000", TestData.x86(5, 3000));
        m.put("samples-full", TestData.samples(6, chunk));
        m.put("mixed-full", TestData.mixed(7, chunk));
        m.put("mixed-odd", TestData.mixed(8, 12_345));
        m.put("zeros-full", new byte[chunk]);
        m.put("period-3", "abc".repeat(chunk / 3).getBytes());
        m.put("text-then-random", concat(TestData.text(9, 6000), TestData.random(10, 2000)));
        m.put("tiny-17", TestData.text(11, 17));
        return m;
    }

    private static Map<String, byte[]> compressed(DecompressorFuzzTest.Target t) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        int k = 0;
        for (Map.Entry<String, byte[]> s : samples(t.chunkSize).entrySet()) {
            byte[] plain = s.getValue();
            byte[] buf = new byte[plain.length + 64];
            int n;
            try {
                n = Codecs.compressor(t.type, t.chunkSize).compress(plain, 0, plain.length, buf, 0, plain.length - 1);
            } catch (Exception e) {
                throw new IllegalStateException(t + " compressor", e);
            }
            if (n > 0) {
                out.put(s.getKey() + "-chunk", DecompressorFuzzTest.input(0, plain.length - 1, Arrays.copyOf(buf, n)));
            }
            // round-trip inputs of at most 8 KiB keep the corpus small (the chunk seeds are whole)
            byte[] head = Arrays.copyOf(plain, Math.min(plain.length, 8192));
            out.put(s.getKey() + "-roundtrip", DecompressorFuzzTest.input(1, 0, head));
            // a damaged byte, at a different place and with a different value for each sample
            out.put(s.getKey() + "-damaged", DecompressorFuzzTest.input(3 + 2 * (k * 37 % 120), k * 7919 + 13, head));
            k++;
        }
        return out;
    }

    private static Map<String, byte[]> lzms() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        List<WimChunkExtractor.Chunk> chunks = DecompressorFuzzTest.lzmsChunks();
        for (int i = 0; i < chunks.size(); i++) {
            WimChunkExtractor.Chunk c = chunks.get(i);
            out.put("wimlib-" + i, DecompressorFuzzTest.input(0, c.usize() - 1, c.data()));
            out.put("wimlib-" + i + "-whole", DecompressorFuzzTest.input(1, i, new byte[0]));
            for (int j = 0; j < 2; j++) {
                int at = j == 0 ? 3 : c.data().length / 2 + 5 * i;
                out.put("wimlib-" + i + "-damaged-" + j, DecompressorFuzzTest.input(3 + 2 * ((i + j * 11) % 120),
                        at * chunks.size() + i, new byte[0]));
            }
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** The committed corpora are there: {@code mvn test} replays each seed through its target. */
    @Test
    void everyDecoderTargetHasAtLeastTwentySeeds() throws URISyntaxException {
        File inputs = new File(DecoderSeedsTest.class.getResource("DecompressorFuzzTestInputs").toURI());
        for (DecompressorFuzzTest.Target t : DecompressorFuzzTest.Target.values()) {
            String[] seeds = new File(inputs, t.name()).list((d, name) -> name.startsWith("seed-"));
            int count = seeds == null ? 0 : seeds.length;
            assertTrue(count >= MIN_SEEDS, t + ": " + count + " seeds (scripts/fuzz/make-decoder-seeds.sh)");
        }
    }
}
