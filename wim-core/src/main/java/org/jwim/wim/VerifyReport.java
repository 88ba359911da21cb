package org.jwim.wim;

import java.util.List;

/**
 * Result of {@link WimFile#verify()}.
 *
 * @param blobsChecked blobs whose SHA-1 was recomputed
 * @param imagesChecked images whose metadata was read and checked
 * @param problems     one line per damaged item (empty when the WIM is intact)
 */
public record VerifyReport(int blobsChecked, int imagesChecked, boolean integrityChecked,
        List<String> problems) {
    public VerifyReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
