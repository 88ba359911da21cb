package org.jwim.wim;

/** What a capture or apply job reports; sizes are in bytes. */
public sealed interface ProgressEvent {
    /** The metadata scan of a source found {@code files} entries holding {@code bytes}. */
    record Scan(long files, long bytes, String currentPath) implements ProgressEvent {
    }

    /** Image {@code image} starts storing {@code blobs} new blobs of {@code bytes} in total. */
    record WriteStarted(int image, long blobs, long bytes) implements ProgressEvent {
    }

    /** Stream data written so far for the current image; {@code current} names the blob. */
    record WriteProgress(int image, long bytesDone, long bytesTotal, long blobsDone,
            long blobsTotal, String current) implements ProgressEvent {
    }

    /** Image {@code image} is complete (its metadata written). */
    record ImageWritten(int image) implements ProgressEvent {
    }

    /** Apply: {@code bytesDone} of {@code bytesTotal} stream bytes extracted. */
    record ApplyProgress(long bytesDone, long bytesTotal, String current) implements ProgressEvent {
    }
}
