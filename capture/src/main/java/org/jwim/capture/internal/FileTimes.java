package org.jwim.capture.internal;

import java.nio.file.attribute.FileTime;
import org.jwim.common.Filetime;

/** Host file times ({@link FileTime}) to and from Windows FILETIME, through {@link Filetime}. */
public final class FileTimes {
    private FileTimes() {
    }

    /** FILETIME of {@code time}; times before 1601 clamp to 0, after year 30828 to Long.MAX_VALUE. */
    public static long toFiletime(FileTime time) {
        return Filetime.fromInstant(time.toInstant());
    }

    /** The host time of a FILETIME (read as unsigned). */
    public static FileTime toFileTime(long filetime) {
        return FileTime.from(Filetime.toInstant(filetime));
    }
}
