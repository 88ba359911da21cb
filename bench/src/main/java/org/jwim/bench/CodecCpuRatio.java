package org.jwim.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.jwim.wim.CompressionType;
import org.jwim.wim.compress.ChunkCompressor;
import org.jwim.wim.compress.ChunkDecompressor;
import org.jwim.wim.compress.Codecs;

/**
 * Goal 1 of issue 24 on a loaded machine: jwim's and wimlib's compressors (libwim through
 * {@link WimlibCodec}) on the same 32 KiB chunks in one JVM, wimlib's level chosen as the one
 * whose output size is closest to jwim's, CPU time of this thread per MB (so that other jobs
 * on the machine barely move it), the two taking turns for {@code ROUNDS} rounds after a
 * warm-up; prints the median CPU ratio and the size ratio. Both outputs are checked to
 * round-trip through jwim's decoder.
 * Run: {@code java -cp bench/target/benchmarks.jar org.jwim.bench.CodecCpuRatio XPRESS|LZX
 * [ROUNDS [LEVEL...]]} (levels to try, default a spread); {@code -Djwim.bench.level=N} runs jwim at
 * its own level N instead of its default (50), to compare another point of its size/CPU curve.
 */
public final class CodecCpuRatio {
    private static final int CHUNK = 32768;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private CodecCpuRatio() {
    }

    public static void main(String[] args) throws IOException {
        CompressionType type = CompressionType.valueOf(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int[] levels = args.length > 2 ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
                : type == CompressionType.LZX ? new int[] {20, 25, 30, 35, 40, 50} : new int[] {10, 20, 30, 40, 50, 60, 80};
        int ctype = type == CompressionType.LZX ? WimlibCodec.LZX : WimlibCodec.XPRESS;
        int size = type == CompressionType.LZX ? 4 << 20 : 16 << 20;
        System.out.printf("%-6s %-5s %5s | %11s %11s %6s | %8s %8s %6s%n", "codec", "data", "level",
                "jwim B", "wimlib B", "size", "jwim", "wimlib", "cpu");
        for (String data : new String[] {"text", "x86", "mixed"}) {
            byte[] in = corpus(type, data, size);
            ChunkCompressor jwim = Codecs.compressor(type, CHUNK,
                    Integer.getInteger("jwim.bench.level", Codecs.DEFAULT_LEVEL));
            long jwimBytes = pass(jwim, in, type);
            int best = 0;
            long bestBytes = 0;
            for (int level : levels) {
                try (WimlibCodec w = WimlibCodec.load(ctype, CHUNK, level)) {
                    long b = pass(w, in, type);
                    if (best == 0 || Math.abs(b - jwimBytes) < Math.abs(bestBytes - jwimBytes)) {
                        best = level;
                        bestBytes = b;
                    }
                }
            }
            try (WimlibCodec w = WimlibCodec.load(ctype, CHUNK, best)) {
                double[] j = new double[rounds];
                double[] l = new double[rounds];
                double[] r = new double[rounds];
                for (int i = 0; i < rounds; i++) {
                    j[i] = cpuPerMb(jwim, in);
                    l[i] = cpuPerMb(w, in);
                    r[i] = j[i] / l[i];
                }
                System.out.printf("%-6s %-5s %5d | %,11d %,11d %6.3f | %8.1f %8.1f %6.2f%n", type, data, best,
                        jwimBytes, bestBytes, (double) jwimBytes / bestBytes, median(j), median(l), median(r));
            }
        }
        System.out.println("jwim, wimlib: CPU ms per MB of input (median); cpu: median of the per-round"
                + " ratios jwim/wimlib; size: jwim/wimlib bytes");
    }

    /** The benchmark's corpus {@code data} (text, x86, mixed) of {@code n} bytes, as the codec's benchmarks make it. */
    static byte[] corpus(CompressionType type, String data, int n) throws IOException {
        if (type == CompressionType.LZX) {
            return switch (data) {
                case "text" -> LzxBenchmark.text(n, 1);
                case "x86" -> LzxBenchmark.x86(n);
                default -> LzxBenchmark.mixed(n);
            };
        }
        return switch (data) {
            case "text" -> CodecBenchmark.text(1, n);
            case "x86" -> CodecBenchmark.x86(1, n);
            default -> CodecBenchmark.mixed(1, n);
        };
    }

    /** Compresses every chunk, checks it decodes back, returns the stored bytes. */
    private static long pass(ChunkCompressor c, byte[] in, CompressionType type) throws IOException {
        ChunkDecompressor d = Codecs.decompressor(type, CHUNK);
        byte[] out = new byte[CHUNK];
        byte[] back = new byte[CHUNK];
        long total = 0;
        for (int off = 0; off < in.length; off += CHUNK) {
            int n = Math.min(CHUNK, in.length - off);
            int k = c.compress(in, off, n, out, 0, n - 1);
            if (k != 0) {
                d.decompress(out, 0, k, back, 0, n);
                if (!Arrays.equals(back, 0, n, in, off, off + n)) {
                    throw new IllegalStateException("chunk at " + off + " does not round-trip");
                }
            }
            total += k == 0 ? n : k;
        }
        return total;
    }

    private static double cpuPerMb(ChunkCompressor c, byte[] in) {
        byte[] out = new byte[CHUNK];
        long t0 = CPU.getCurrentThreadCpuTime();
        for (int off = 0; off < in.length; off += CHUNK) {
            int n = Math.min(CHUNK, in.length - off);
            c.compress(in, off, n, out, 0, n - 1);
        }
        return (CPU.getCurrentThreadCpuTime() - t0) / 1e6 / (in.length / 1e6);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
