package org.jwim.capture.apply;

import java.util.List;
import org.jwim.common.Warning;

/**
 * What an apply wrote: counts of directories, regular files (first names of inodes), extra hard
 * links, symbolic links, data bytes written, files skipped because their blob was corrupt, and
 * the warnings raised (entries that could not be applied as stored).
 */
public record ApplyReport(long directories, long files, long hardLinks, long symlinks, long bytes,
        List<String> corrupt, List<Warning> warnings) {
    public ApplyReport {
        corrupt = List.copyOf(corrupt);
        warnings = List.copyOf(warnings);
    }
}
