package org.jwim.ntfs;

/**
 * One $FILE_NAME attribute: a name of a file in its parent directory.
 *
 * @param parentReference parent's record number (low 48 bits) and sequence number (high 16)
 * @param namespace       {@link #NAMESPACE_POSIX} .. {@link #NAMESPACE_WIN32_AND_DOS}
 * @param name            the name
 */
record FileNameInfo(long parentReference, int namespace, String name) {
    static final int NAMESPACE_POSIX = 0;
    static final int NAMESPACE_WIN32 = 1;
    static final int NAMESPACE_DOS = 2;
    static final int NAMESPACE_WIN32_AND_DOS = 3;

    long parentRecord() {
        return parentReference & 0xFFFF_FFFF_FFFFL;
    }

    int parentSequence() {
        return (int) (parentReference >>> 48);
    }
}
