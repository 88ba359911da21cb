package org.jwim.wim.write;

import org.jwim.wim.blob.Sha1;

/** What a {@link ChunkStream} hands to the writer, strictly in blob and chunk order. */
sealed interface ChunkItem {
    /** The chunks of {@code job} follow. */
    record Begin(BlobJob job) implements ChunkItem {
    }

    /** The next chunk of the current blob, compressed or raw; release the slot once written. */
    record Chunk(ChunkSlot slot) implements ChunkItem {
    }

    /** All chunks of {@code job} were delivered; {@code hash} is the SHA-1 of its bytes. */
    record End(BlobJob job, Sha1 hash) implements ChunkItem {
    }
}
