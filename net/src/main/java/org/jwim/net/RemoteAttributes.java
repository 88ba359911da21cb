package org.jwim.net;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/** What a server tells of a file: its size and kind; times are the epoch when unknown. */
record RemoteAttributes(long size, boolean isDirectory, FileTime modified) implements BasicFileAttributes {
    @Override
    public FileTime lastModifiedTime() {
        return modified;
    }

    @Override
    public FileTime lastAccessTime() {
        return modified;
    }

    @Override
    public FileTime creationTime() {
        return modified;
    }

    @Override
    public boolean isRegularFile() {
        return !isDirectory;
    }

    @Override
    public boolean isSymbolicLink() {
        return false;
    }

    @Override
    public boolean isOther() {
        return false;
    }

    @Override
    public Object fileKey() {
        return null;
    }
}
