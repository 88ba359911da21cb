package org.jwim.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.jwim.wim.CompressionType;
import org.jwim.wim.compress.ChunkCompressor;
import org.jwim.wim.compress.ChunkDecompressor;
import org.jwim.wim.compress.Codecs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Chunk codec throughput (XPRESS, and the jwim-only LZ4 and Zstd; LZX has LzxBenchmark) on 4 MiB generated corpora (English-like text, x86-64-like
 * code, a mix of text, code, zeros, random bytes and 16-bit samples, and random bytes alone, as
 * in already compressed files), cut into WIM chunks.
 * Scores are in ops/us with one op per input byte, i.e. MB/s of uncompressed data, single
 * thread. The compression ratio (compressed / original, raw-stored chunks counted at full size)
 * is printed once per trial.
 * {@code impl=wimlib} runs libwim's XPRESS compressor on the same chunks (see {@link WimlibCodec};
 * fails with "SKIPPED" when libwim is not installed, and for LZ4 and ZSTD, which wimlib lacks);
 * its decompress score is jwim decoding wimlib's output, checked equal to the input first.
 * Side by side: {@code java -jar bench/target/benchmarks.jar CodecBenchmark.compress -p codec=XPRESS}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class CodecBenchmark {
    static final int CORPUS = 4 << 20;

    @Param({"XPRESS", "LZ4", "ZSTD"})
    public String codec;

    @Param({"text", "x86", "mixed", "random"})
    public String data;

    @Param({"32768"})
    public int chunkSize;

    @Param({"jwim", "wimlib"})
    public String impl;

    /** wimlib's compression level (0 = its default); jwim has one setting per codec. */
    @Param({"0"})
    public int wimlibLevel;

    private WimlibCodec wimlib;

    private byte[] input;
    private byte[] compressed;
    private int[] sizes;
    private byte[] output;
    private byte[] scratch;
    private ChunkCompressor compressor;
    private ChunkDecompressor decompressor;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        input = switch (data) {
            case "text" -> text(1, CORPUS);
            case "x86" -> x86(2, CORPUS);
            case "random" -> random(4, CORPUS);
            default -> mixed(3, CORPUS);
        };
        CompressionType type = CompressionType.valueOf(codec);
        compressor = Codecs.compressor(type, chunkSize);
        if (impl.equals("wimlib")) {
            if (type != CompressionType.XPRESS) {
                throw new IllegalStateException("SKIPPED: wimlib has no " + codec + " compressor");
            }
            wimlib = WimlibCodec.load(WimlibCodec.XPRESS, chunkSize, wimlibLevel);
            compressor = wimlib;
        }
        decompressor = Codecs.decompressor(type, chunkSize);
        int n = CORPUS / chunkSize;
        sizes = new int[n];
        compressed = new byte[CORPUS];
        output = new byte[CORPUS];
        scratch = new byte[chunkSize];
        long total = 0;
        for (int k = 0; k < n; k++) {
            int c = compressor.compress(input, k * chunkSize, chunkSize, compressed, k * chunkSize,
                    chunkSize - 1);
            sizes[k] = c;
            total += c == 0 ? chunkSize : c;
            if (c != 0) {
                decompressor.decompress(compressed, k * chunkSize, c, scratch, 0, chunkSize);
                if (!java.util.Arrays.equals(scratch, 0, chunkSize, input, k * chunkSize,
                        (k + 1) * chunkSize)) {
                    throw new IllegalStateException(impl + " chunk " + k + " does not round-trip");
                }
            }
        }
        System.out.printf("%n[%s %s %s, %d-byte chunks] %d -> %d bytes, ratio %.2f%%%n", impl,
                codec, data, chunkSize, CORPUS, total, 100.0 * total / CORPUS);
    }

    @TearDown(Level.Trial)
    public void release() {
        if (wimlib != null) {
            wimlib.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(CORPUS)
    public int compress() {
        int total = 0;
        for (int off = 0; off < CORPUS; off += chunkSize) {
            total += compressor.compress(input, off, chunkSize, scratch, 0, chunkSize - 1);
        }
        return total;
    }

    @Benchmark
    @OperationsPerInvocation(CORPUS)
    public byte[] decompress() throws Exception {
        for (int k = 0; k < sizes.length; k++) {
            int off = k * chunkSize;
            if (sizes[k] == 0) {
                System.arraycopy(input, off, output, off, chunkSize);
            } else {
                decompressor.decompress(compressed, off, sizes[k], output, off, chunkSize);
            }
        }
        return output;
    }

    /**
     * Writes the three corpora as files text.bin, x86.bin and mixed.bin into the directory
     * {@code args[0]}, for comparing with {@code wimlib-imagex capture DIR x.wim --compress=fast}.
     */
    public static void main(String[] args) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of(args[0]));
        java.nio.file.Files.write(dir.resolve("text.bin"), text(1, CORPUS));
        java.nio.file.Files.write(dir.resolve("x86.bin"), x86(2, CORPUS));
        java.nio.file.Files.write(dir.resolve("mixed.bin"), mixed(3, CORPUS));
    }

    // ---- generated corpora (deterministic) ----

    private static final String[] WORDS = ("the of and to in is that for it as was with be by on "
            + "not he this are or his from at which but have an they you were her all she there "
            + "would their we him been has when who will more no if out so said what up its about "
            + "into than them can only other new some could time these two may then do first any "
            + "Windows Imaging Format resource blob chunk compressed stream directory security")
            .split(" ");

    static byte[] text(long seed, int n) {
        Random r = new Random(seed);
        byte[] b = new byte[n];
        int p = 0;
        int col = 0;
        while (p < n) {
            String w = WORDS[(int) Math.min(WORDS.length - 1, Math.abs(r.nextGaussian()) * 25)];
            for (int i = 0; i < w.length() && p < n; i++) {
                b[p++] = (byte) w.charAt(i);
            }
            col += w.length() + 1;
            if (p < n) {
                b[p++] = (byte) (r.nextInt(12) == 0 ? '.' : col > 72 ? '\n' : ' ');
                if (b[p - 1] == '\n') {
                    col = 0;
                }
            }
        }
        return b;
    }

    static byte[] x86(long seed, int n) {
        Random r = new Random(seed);
        byte[] b = new byte[n + 16];
        int[] funcs = new int[256];
        for (int i = 0; i < funcs.length; i++) {
            funcs[i] = r.nextInt(n);
        }
        int p = 0;
        while (p < n) {
            int k = r.nextInt(10);
            if (k < 3) {
                b[p] = (byte) 0xE8;
                putInt(b, p + 1, funcs[r.nextInt(funcs.length)] - (p + 5));
                p += 5;
            } else if (k < 5) {
                b[p] = 0x48;
                b[p + 1] = (byte) 0x8B;
                b[p + 2] = (byte) (0x05 + 8 * r.nextInt(8));
                putInt(b, p + 3, n + 8 * r.nextInt(512) - (p + 7));
                p += 7;
            } else if (k == 5) {
                byte[] pro = {0x55, 0x48, (byte) 0x89, (byte) 0xE5, 0x48, (byte) 0x83, (byte) 0xEC,
                    (byte) (8 * r.nextInt(16))};
                System.arraycopy(pro, 0, b, p, pro.length);
                p += pro.length;
            } else if (k == 6) {
                b[p++] = (byte) 0xC3;
                int pad = r.nextInt(8);
                for (int i = 0; i < pad; i++) {
                    b[p++] = (byte) 0xCC;
                }
            } else {
                b[p] = (byte) (0xB8 + r.nextInt(8));
                putInt(b, p + 1, r.nextInt(256));
                p += 5;
            }
        }
        return java.util.Arrays.copyOf(b, n);
    }

    static byte[] random(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] mixed(long seed, int n) {
        Random r = new Random(seed);
        byte[] b = new byte[n];
        int p = 0;
        int part = 0;
        while (p < n) {
            int len = Math.min(n - p, 4096 + r.nextInt(60000));
            switch (part++ % 5) {
                case 0 -> System.arraycopy(text(seed + p, len), 0, b, p, len);
                case 1 -> System.arraycopy(x86(seed + p, len), 0, b, p, len);
                case 2 -> { } // zeros
                case 3 -> {
                    byte[] rnd = new byte[len];
                    r.nextBytes(rnd);
                    System.arraycopy(rnd, 0, b, p, len);
                }
                default -> {
                    for (int i = 0; i + 1 < len; i += 2) {
                        int v = (int) (12000 * Math.sin((p + i) / 500.0));
                        b[p + i] = (byte) v;
                        b[p + i + 1] = (byte) (v >>> 8);
                    }
                }
            }
            p += len;
        }
        return b;
    }

    private static void putInt(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }
}
