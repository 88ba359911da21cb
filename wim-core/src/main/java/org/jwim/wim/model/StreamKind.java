package org.jwim.wim.model;

/** What a stream of an inode holds. */
public enum StreamKind {
    /** The unnamed data stream or a named data stream (alternate data stream). */
    DATA,
    /** Reparse data: the reparse buffer without its 8-byte header. */
    REPARSE,
    /** The raw EFS backup stream of an encrypted file. */
    EFS
}
