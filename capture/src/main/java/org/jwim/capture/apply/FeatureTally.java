package org.jwim.capture.apply;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jwim.capture.apply.ApplyTarget.Feature;
import org.jwim.common.Warning;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.StreamKind;
import org.jwim.wim.model.StreamRef;
import org.jwim.wim.model.TaggedItems;

/**
 * Counts what an apply drops because the target cannot store it, and says so in one warning per
 * feature at the end ("3 named data stream(s) not applied (not supported by FAT)"). Not
 * thread-safe: count from the thread that walks the tree.
 */
final class FeatureTally {
    private final String target;
    private final Set<Feature> supported;
    private final Map<Feature, Long> dropped = new EnumMap<>(Feature.class);

    /**
     * @param target    how the warnings name the target ("FAT", "this target")
     * @param supported what the target stores
     */
    FeatureTally(String target, Set<Feature> supported) {
        this.target = target;
        this.supported = Set.copyOf(supported);
    }

    /** True when the target stores {@code f}. */
    boolean supports(Feature f) {
        return supported.contains(f);
    }

    /** Counts one more drop of {@code f} if the target does not store it; returns true if dropped. */
    boolean drop(Feature f) {
        if (supported.contains(f)) {
            return false;
        }
        dropped.merge(f, 1L, Long::sum);
        return true;
    }

    /**
     * Counts the inode-level features of one inode met for the first time: named streams,
     * security descriptor, extended attributes (hard links, reparse points and encryption are
     * counted where the target decides what to do with them).
     */
    void inode(Inode inode) {
        for (StreamRef s : inode.streams()) {
            if (s.kind() == StreamKind.DATA && !s.name().isEmpty()) {
                drop(Feature.NAMED_STREAMS);
            }
        }
        if (inode.securityId() >= 0) {
            drop(Feature.SECURITY);
        }
        if (hasExtendedAttributes(inode)) {
            drop(Feature.EXTENDED_ATTRIBUTES);
        }
    }

    /** Count of drops of {@code f} so far. */
    long count(Feature f) {
        return dropped.getOrDefault(f, 0L);
    }

    /** One warning per dropped feature, in the enum's order. */
    void report(Consumer<Warning> warn) {
        for (Feature f : Feature.values()) {
            long n = count(f);
            if (n > 0 && f.dropped() != null) {
                warn.accept(Warning.of(Warning.Kind.UNSUPPORTED,
                        n + " " + f.dropped() + " (not supported by " + target + ")"));
            }
        }
    }

    /** True when the inode's tagged items hold extended attributes. */
    static boolean hasExtendedAttributes(Inode inode) {
        return TaggedItems.find(inode.taggedItems(), TaggedItems.TAG_EXTENDED_ATTRIBUTES) != null;
    }
}
