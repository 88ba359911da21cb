package org.jwim.capture.source;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Glob matching of {@link CaptureConfig}, at every depth (matching skips globs of another depth). */
class CaptureConfigTest {
    @Test
    void defaultsMatchAtTheirDepthOnly() {
        CaptureConfig c = CaptureConfig.defaults();
        assertTrue(c.excludes("/pagefile.sys"));
        assertTrue(c.excludes("/PAGEFILE.SYS"));
        assertTrue(c.excludes("\\Windows\\csc"));
        assertFalse(c.excludes("/Windows/CSC/x"));
        assertFalse(c.excludes("/dir/pagefile.sys"));
        assertFalse(c.excludes("/Windows"));
    }

    @Test
    void wildcardsStopAtSeparatorsAndRelativeGlobsMatchAnyDepth() {
        CaptureConfig c = CaptureConfig.parse("[ExclusionList]\n\\a\\*\\c?.log\n*.tmp\n\\top\n"
                + "[ExclusionException]\n\\a\\keep\\c1.log\n");
        assertTrue(c.excludes("/a/b/c1.log"));
        assertFalse(c.excludes("/a/keep/c1.log"));
        assertFalse(c.excludes("/a/b/d/c1.log"));
        assertFalse(c.excludes("/a/c1.log"));
        assertTrue(c.excludes("/x.tmp"));
        assertTrue(c.excludes("/deep/er/x.TMP"));
        assertTrue(c.excludes("/top"));
        assertFalse(c.excludes("/top/x"));
        assertTrue(c.matchesException("/a/keep/c1.log"));
        assertTrue(c.matchesExclusion("/a/keep/c1.log"));
    }
}
