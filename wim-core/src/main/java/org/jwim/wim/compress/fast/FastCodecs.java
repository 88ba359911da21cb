package org.jwim.wim.compress.fast;

import org.jwim.wim.CompressionType;
import org.jwim.wim.UnsupportedWimException;

/**
 * Creates the jwim-only LZ4 and Zstandard codecs, whose libraries wim-core declares optional
 * ({@code requires static}, {@code <optional>} in the pom) so that an embedder who never meets
 * such a WIM does not carry them. The codec classes are loaded only here, after a check that
 * their library is present, so a missing jar is reported as an {@link UnsupportedWimException}
 * naming it instead of a {@code NoClassDefFoundError}.
 */
public final class FastCodecs {
    private FastCodecs() {
    }

    /** A new LZ4 or Zstandard codec for one thread. */
    public static FastChunkCodec create(CompressionType type, int chunkSize, String context)
            throws UnsupportedWimException {
        Library lib = Library.of(type);
        if (lib == null) {
            throw new IllegalArgumentException(type + " is not a jwim-only codec");
        }
        requireLibrary(type, context);
        try {
            return type == CompressionType.LZ4 ? new Lz4ChunkCodec(chunkSize) : new ZstdChunkCodec(chunkSize);
        } catch (LinkageError e) {
            // present but unusable, e.g. zstd-jni without a native library for this platform
            throw new UnsupportedWimException(context + " jwim's " + type + " compression, but "
                    + lib.jar + " failed to load: " + e, e);
        }
    }

    /**
     * Checks that the library of a jwim-only type is on the class or module path (and, on the
     * module path, resolved). Does nothing for the standard types.
     *
     * @param context what needs it, e.g. {@code "x.wim uses"}; starts the message
     */
    public static void requireLibrary(CompressionType type, String context) throws UnsupportedWimException {
        Library lib = Library.of(type);
        if (lib == null) {
            return;
        }
        try {
            Class.forName(lib.probeClass, false, FastCodecs.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new UnsupportedWimException(context + " jwim's " + type + " compression; add "
                    + lib.jar + " to the class/module path (on the module path also"
                    + " --add-modules " + lib.module + ")");
        }
    }

    private enum Library {
        LZ4("net.jpountz.lz4.LZ4Factory", "lz4-java (at.yawk.lz4:lz4-java)", "org.lz4.java"),
        ZSTD("com.github.luben.zstd.Zstd", "zstd-jni (com.github.luben:zstd-jni)", "com.github.luben.zstd_jni");

        final String probeClass;
        final String jar;
        final String module;

        Library(String probeClass, String jar, String module) {
            this.probeClass = probeClass;
            this.jar = jar;
            this.module = module;
        }

        static Library of(CompressionType type) {
            return switch (type) {
                case LZ4 -> LZ4;
                case ZSTD -> ZSTD;
                default -> null;
            };
        }
    }
}
