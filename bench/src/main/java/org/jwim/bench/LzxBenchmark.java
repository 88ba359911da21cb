package org.jwim.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jwim.wim.CompressionType;
import org.jwim.wim.UnsupportedWimException;
import org.jwim.wim.compress.ChunkCompressor;
import org.jwim.wim.compress.ChunkDecompressor;
import org.jwim.wim.compress.Codecs;
import org.jwim.wim.compress.CorruptChunkException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * LZX chunk codec throughput on 4 MiB of data per operation, so ops/s × 4 = MiB/s.
 * Data sets: generated English-like text, real x86-64 executables from /usr/bin (synthetic
 * x86-like code if none are readable), a mix of both with incompressible parts, and random bytes
 * (as in already compressed files). The compression ratio is printed once per trial.
 * {@code impl=wimlib} runs libwim's LZX compressor on the same chunks at {@code wimlibLevel}
 * (see {@link WimlibCodec}; fails with "SKIPPED" when libwim is not installed); its decompress
 * score is jwim decoding wimlib's output, checked equal to the input first.
 * Side by side: {@code java -jar bench/target/benchmarks.jar LzxBenchmark.compress}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LzxBenchmark {
    private static final int SIZE = 4 << 20;

    @Param({"text", "x86", "mixed", "random"})
    public String data;

    @Param({"32768"})
    public int chunkSize;

    @Param({"jwim", "wimlib"})
    public String impl;

    /** wimlib's compression level (0 = its default, 50); jwim has one LZX setting. */
    @Param({"0"})
    public int wimlibLevel;

    private WimlibCodec wimlib;

    private byte[] input;
    private byte[] compressed;
    private int[] compressedSize;
    private byte[] out;
    private ChunkCompressor compressor;
    private ChunkDecompressor decompressor;

    @Setup
    public void setup() throws IOException, UnsupportedWimException {
        input = switch (data) {
            case "text" -> text(SIZE, 1);
            case "x86" -> x86(SIZE);
            case "random" -> CodecBenchmark.random(5, SIZE);
            default -> mixed(SIZE);
        };
        compressor = Codecs.compressor(CompressionType.LZX, chunkSize);
        if (impl.equals("wimlib")) {
            wimlib = WimlibCodec.load(WimlibCodec.LZX, chunkSize, wimlibLevel);
            compressor = wimlib;
        }
        decompressor = Codecs.decompressor(CompressionType.LZX, chunkSize);
        int chunks = (SIZE + chunkSize - 1) / chunkSize;
        compressed = new byte[chunks * chunkSize];
        compressedSize = new int[chunks];
        out = new byte[chunkSize];
        long total = 0;
        for (int i = 0; i < chunks; i++) {
            int off = i * chunkSize;
            int n = Math.min(chunkSize, SIZE - off);
            int c = compressor.compress(input, off, n, compressed, off, n - 1);
            compressedSize[i] = c;
            total += c == 0 ? n : c;
            if (c != 0) {
                decompressor.decompress(compressed, off, c, out, 0, n);
                if (!Arrays.equals(out, 0, n, input, off, off + n)) {
                    throw new IllegalStateException(impl + " chunk " + i + " does not round-trip");
                }
            }
        }
        System.out.printf("%n[LzxBenchmark] %s %s: %d -> %d bytes, ratio %.4f%n", impl, data, SIZE,
                total, (double) total / SIZE);
    }

    @TearDown(Level.Trial)
    public void release() {
        if (wimlib != null) {
            wimlib.close();
        }
    }

    @Benchmark
    public int compress() {
        int total = 0;
        for (int off = 0; off < SIZE; off += chunkSize) {
            int n = Math.min(chunkSize, SIZE - off);
            total += compressor.compress(input, off, n, out, 0, n - 1);
        }
        return total;
    }

    @Benchmark
    public int decompress() throws CorruptChunkException {
        int sum = 0;
        for (int i = 0; i < compressedSize.length; i++) {
            int off = i * chunkSize;
            int n = Math.min(chunkSize, SIZE - off);
            if (compressedSize[i] != 0) {
                decompressor.decompress(compressed, off, compressedSize[i], out, 0, n);
                sum += out[n - 1];
            }
        }
        return sum;
    }

    static byte[] text(int n, long seed) {
        String[] words = {"the", "of", "and", "to", "in", "is", "that", "for", "it", "as", "with",
            "was", "on", "be", "by", "this", "are", "from", "or", "which", "image", "volume",
            "compression", "Windows", "resource", "chunk", "file", "directory", "stream", "data"};
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(n + 64);
        while (sb.length() < n) {
            int w = (int) Math.min(words.length - 1, Math.abs(r.nextGaussian()) * 8);
            sb.append(words[w]);
            int p = r.nextInt(20);
            sb.append(p == 0 ? ".\n" : p == 1 ? ", " : " ");
            if (r.nextInt(50) == 0) {
                sb.append(r.nextInt(1_000_000)).append(' ');
            }
        }
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) sb.charAt(i);
        }
        return b;
    }

    static byte[] x86(int n) throws IOException {
        byte[] b = new byte[n];
        int pos = 0;
        Path dir = Path.of("/usr/bin");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                    if (pos >= n || !Files.isRegularFile(p) || Files.size(p) < 50_000 || Files.size(p) > 4_000_000) {
                        continue;
                    }
                    byte[] f = Files.readAllBytes(p);
                    if (f.length > 4 && f[0] == 0x7F && f[1] == 'E') {
                        int take = Math.min(f.length, n - pos);
                        System.arraycopy(f, 0, b, pos, take);
                        pos += take;
                    }
                }
            }
        }
        Random r = new Random(2);
        while (pos < n) { // fallback: x86-like bytes with E8 calls
            if (r.nextInt(8) == 0 && pos + 5 <= n) {
                b[pos] = (byte) 0xE8;
                int rel = r.nextInt(1 << 16) - (1 << 15);
                for (int k = 1; k <= 4; k++) {
                    b[pos + k] = (byte) (rel >> (8 * (k - 1)));
                }
                pos += 5;
            } else {
                b[pos++] = (byte) (r.nextInt(3) == 0 ? r.nextInt(256) : 0x48 + r.nextInt(8));
            }
        }
        return b;
    }

    static byte[] mixed(int n) throws IOException {
        byte[] b = new byte[n];
        byte[] t = text(n / 2, 3);
        byte[] x = x86(n / 2);
        Random r = new Random(4);
        for (int off = 0; off < n; off += 65536) {
            int len = Math.min(65536, n - off);
            int kind = (off / 65536) % 4;
            if (kind == 3) {
                byte[] rnd = new byte[len];
                r.nextBytes(rnd);
                System.arraycopy(rnd, 0, b, off, len);
            } else {
                byte[] srcData = kind == 1 ? x : t;
                System.arraycopy(srcData, (off / 2) % (srcData.length - len), b, off, len);
            }
        }
        return b;
    }
}
