package org.jwim.wim.internal;

/** Named caps on allocations and loops sized by numbers read from a WIM. */
public final class Limits {
    private Limits() {
    }

    /** Largest metadata/XML/blob-table resource held in memory (bytes). */
    public static final int MAX_IN_MEMORY_RESOURCE = Integer.MAX_VALUE - 64;
    /** A metadata resource may not claim more than this many times the WIM file size (wimlib). */
    public static final long METADATA_EXPANSION = 512;
    /** Deepest directory nesting accepted in an image (wimlib uses the same). */
    public static final int MAX_TREE_DEPTH = 16384;
    /** Largest chunk size of a solid resource jwim decompresses (bytes). */
    public static final int MAX_SOLID_CHUNK = 1 << 28;
    /** Largest reparse buffer including its 8-byte header. */
    public static final int MAX_REPARSE_BUFFER = 16384;
}
