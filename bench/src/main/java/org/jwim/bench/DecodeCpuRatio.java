package org.jwim.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jwim.wim.CompressionType;
import org.jwim.wim.compress.ChunkDecompressor;
import org.jwim.wim.compress.Codecs;

/**
 * Issue 26's decoder cost on a loaded machine: jwim's and wimlib's decompressors (libwim through
 * {@link WimlibDecoder}) on the same 32 KiB chunks, compressed once by wimlib at its default
 * level as a wimlib-captured WIM holds them, in one JVM; CPU time of this thread per MB of
 * output (other jobs on the machine barely move it), the two taking turns for {@code ROUNDS}
 * rounds after {@code WARMUP} untimed passes each; prints the median CPU ratio. Every jwim
 * output is compared with the input once before timing.
 * Run: {@code java -cp bench/target/benchmarks.jar org.jwim.bench.DecodeCpuRatio XPRESS|LZX
 * [ROUNDS [WARMUP]]}; a warm-up of 0 shows the cold cost (interpreter and JIT included).
 */
public final class DecodeCpuRatio {
    private static final int CHUNK = 32768;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private DecodeCpuRatio() {
    }

    /** One chunk as stored: compressed bytes and the original length. */
    private record Chunk(byte[] packed, int size) {
    }

    public static void main(String[] args) throws IOException {
        CompressionType type = CompressionType.valueOf(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int ctype = type == CompressionType.LZX ? WimlibCodec.LZX : WimlibCodec.XPRESS;
        int size = 16 << 20;
        System.out.printf("%-6s %-5s %6s | %8s %8s %6s%n", "codec", "data", "ratio", "jwim", "wimlib", "cpu");
        for (String data : new String[] {"text", "x86", "mixed"}) {
            byte[] in = CodecCpuRatio.corpus(type, data, size);
            List<Chunk> chunks = compress(in, ctype);
            ChunkDecompressor jwim = Codecs.decompressor(type, CHUNK);
            check(jwim, chunks, in);
            try (WimlibDecoder w = WimlibDecoder.load(ctype, CHUNK)) {
                check(w, chunks, in);
                for (int i = 0; i < warmup; i++) {
                    cpuPerMb(jwim, chunks, in.length);
                    cpuPerMb(w, chunks, in.length);
                }
                double[] j = new double[rounds];
                double[] l = new double[rounds];
                double[] r = new double[rounds];
                for (int i = 0; i < rounds; i++) {
                    j[i] = cpuPerMb(jwim, chunks, in.length);
                    l[i] = cpuPerMb(w, chunks, in.length);
                    r[i] = j[i] / l[i];
                }
                long packed = chunks.stream().mapToLong(c -> c.packed == null ? c.size : c.packed.length).sum();
                System.out.printf("%-6s %-5s %6.3f | %8.2f %8.2f %6.2f%n", type, data,
                        (double) packed / in.length, median(j), median(l), median(r));
            }
        }
        System.out.println("ratio: compressed/original; jwim, wimlib: CPU ms per MB of output (median);"
                + " cpu: median of the per-round ratios jwim/wimlib");
    }

    /** wimlib's compressor at its default level; a chunk it cannot shrink is left out, as stored. */
    private static List<Chunk> compress(byte[] in, int ctype) {
        List<Chunk> chunks = new ArrayList<>();
        byte[] out = new byte[CHUNK];
        try (WimlibCodec c = WimlibCodec.load(ctype, CHUNK, 0)) {
            for (int off = 0; off < in.length; off += CHUNK) {
                int n = Math.min(CHUNK, in.length - off);
                int k = c.compress(in, off, n, out, 0, n - 1);
                if (k != 0) {
                    chunks.add(new Chunk(Arrays.copyOf(out, k), n));
                } else {
                    chunks.add(new Chunk(null, n));
                }
            }
        }
        return chunks;
    }

    private static void check(ChunkDecompressor d, List<Chunk> chunks, byte[] in) throws IOException {
        byte[] back = new byte[CHUNK];
        int off = 0;
        for (Chunk c : chunks) {
            if (c.packed != null) {
                d.decompress(c.packed, 0, c.packed.length, back, 0, c.size);
                if (!Arrays.equals(back, 0, c.size, in, off, off + c.size)) {
                    throw new IllegalStateException(d.getClass().getSimpleName() + ": chunk at " + off
                            + " decodes wrongly");
                }
            }
            off += c.size;
        }
    }

    private static double cpuPerMb(ChunkDecompressor d, List<Chunk> chunks, int bytes) throws IOException {
        byte[] out = new byte[CHUNK];
        long t0 = CPU.getCurrentThreadCpuTime();
        for (Chunk c : chunks) {
            if (c.packed != null) {
                d.decompress(c.packed, 0, c.packed.length, out, 0, c.size);
            }
        }
        return (CPU.getCurrentThreadCpuTime() - t0) / 1e6 / (bytes / 1e6);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
