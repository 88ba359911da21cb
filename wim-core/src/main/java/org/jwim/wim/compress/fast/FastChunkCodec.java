package org.jwim.wim.compress.fast;

import org.jwim.wim.compress.ChunkCompressor;
import org.jwim.wim.compress.ChunkDecompressor;


/** A jwim-only codec: one instance compresses and decompresses, for one thread. */
public sealed interface FastChunkCodec extends ChunkCompressor, ChunkDecompressor
        permits Lz4ChunkCodec, ZstdChunkCodec {
}
