package org.jwim.fat.write;

import java.util.List;

/**
 * What a wipe of a FAT volume does: root entries kept (protected, with their whole subtrees)
 * and root entries removed (each with everything below it).
 *
 * @param kept          long (or short) names of the protected root entries found
 * @param removed       names of the root entries deleted
 * @param keptClusters  clusters still in use after the wipe (root directory and protected trees)
 * @param freeClusters  clusters free after the wipe
 */
public record WipeResult(List<String> kept, List<String> removed, long keptClusters, long freeClusters) {
    public WipeResult {
        kept = List.copyOf(kept);
        removed = List.copyOf(removed);
    }
}
