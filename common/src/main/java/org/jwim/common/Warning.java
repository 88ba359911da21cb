package org.jwim.common;

import java.util.Objects;

/**
 * Something that was skipped, worked around or not kept as stored while reading, capturing or
 * applying; the work went on. Readers, capture sources and apply targets hand these to a
 * {@code Consumer<Warning>} (called on the working thread; a sink shared by several threads
 * must be thread-safe) and reports list them.
 *
 * @param path    where: the entry's path, possibly preceded by the volume or partition it is on
 *                ("partition 2: /a/b"), or "" when the warning concerns no single entry
 * @param kind    what sort of problem it is, for tools that sort or filter warnings
 * @param message what was wrong and what was done about it
 */
public record Warning(String path, Kind kind, String message) {
    /** The sorts of warnings jwim gives. */
    public enum Kind {
        /** A damaged on-disk structure (file system, partition table, WIM) was worked around. */
        DAMAGED,
        /** An entry could not be read or written (I/O error, refused by the file system). */
        SKIPPED,
        /** A feature the source or target cannot represent was dropped or stored differently. */
        UNSUPPORTED,
        /** A name clashes with another entry, or cannot be used on the target. */
        NAME_CLASH,
        /** An entry was left alone because it is protected or already there. */
        PROTECTED,
        /** The operation runs without its usual safety (not crash-safe, forced past a check). */
        UNSAFE
    }

    public Warning {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    /** A warning about no single entry. */
    public static Warning of(Kind kind, String message) {
        return new Warning("", kind, message);
    }

    /** This warning placed under {@code place} (a volume or partition): its path is prefixed. */
    public Warning in(String place) {
        return new Warning(path.isEmpty() ? place : place + ": " + path, kind, message);
    }

    /** What users see: "path: message", or the message alone when there is no path. */
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
