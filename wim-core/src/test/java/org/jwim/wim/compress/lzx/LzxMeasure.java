package org.jwim.wim.compress.lzx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Manual measurement (not a test): decodes every LZX chunk of a wimlib-written WIM, re-encodes
 * it with {@link LzxCompressor} and compares the sizes. Usage: LzxMeasure file.wim
 */
public final class LzxMeasure {
    private LzxMeasure() {
    }

    private static final Object MX;
    private static final java.lang.reflect.Method CPU;

    static {
        // Thread CPU time via reflection: wim-core's module does not read java.management.
        try {
            Class<?> mf = Class.forName("java.lang.management.ManagementFactory");
            MX = mf.getMethod("getThreadMXBean").invoke(null);
            CPU = Class.forName("java.lang.management.ThreadMXBean").getMethod("getCurrentThreadCpuTime");
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static long cpu() {
        try {
            return (Long) CPU.invoke(MX);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        byte[] wim = Files.readAllBytes(Path.of(args[0]));
        int cs = WimChunks.chunkSize(wim);
        LzxDecompressor d = new LzxDecompressor(cs);
        LzxCompressor c = new LzxCompressor(cs);
        byte[] tmp = new byte[cs];
        byte[] comp = new byte[cs];
        long theirs = 0;
        long mine = 0;
        long raw = 0;
        long nanos = 0;
        long decNanos = 0;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        for (int round = 0; round < rounds; round++) {
            theirs = mine = raw = nanos = decNanos = 0;
            for (WimChunks.Blob b : WimChunks.blobs(wim)) {
                if ((b.flags() & WimChunks.FLAG_COMPRESSED) == 0) {
                    continue;
                }
                for (WimChunks.Chunk ch : WimChunks.chunks(wim, b, cs)) {
                    raw += ch.size();
                    theirs += ch.storedSize();
                    if (ch.raw()) {
                        System.arraycopy(wim, ch.offset(), tmp, 0, ch.size());
                    } else {
                        long t0 = cpu();
                        d.decompress(wim, ch.offset(), ch.storedSize(), tmp, 0, ch.size());
                        decNanos += cpu() - t0;
                    }
                    long t0 = cpu();
                    int n = c.compress(tmp, 0, ch.size(), comp, 0, ch.size() - 1);
                    nanos += cpu() - t0;
                    if (n == 0) {
                        n = ch.size();
                    } else {
                        byte[] back = new byte[ch.size()];
                        d.decompress(comp, 0, n, back, 0, ch.size());
                        if (!Arrays.equals(back, 0, ch.size(), tmp, 0, ch.size())) {
                            throw new AssertionError("round trip failed");
                        }
                    }
                    mine += n;
                }
            }
            System.out.printf("raw %d wimlib %d jwim %d ratio %.4f  compress %.1f MB/s  decompress %.1f MB/s%n",
                    raw, theirs, mine, (double) mine / theirs, raw / (nanos / 1e3), raw / (decNanos / 1e3));
        }
    }
}
