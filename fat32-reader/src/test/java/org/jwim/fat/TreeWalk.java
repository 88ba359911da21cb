package org.jwim.fat;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

/** Test helper: depth-first walk with an explicit stack, as a capture adapter would do. */
final class TreeWalk {
    private TreeWalk() {
    }

    static List<FatEntry> all(FatVolume vol) throws IOException {
        List<FatEntry> out = new ArrayList<>();
        Deque<FatEntry> stack = new ArrayDeque<>();
        stack.push(vol.root());
        while (!stack.isEmpty()) {
            FatEntry dir = stack.pop();
            for (FatEntry e : vol.list(dir)) {
                out.add(e);
                if (e.isDirectory()) {
                    stack.push(e);
                }
            }
        }
        return out;
    }

    static String sha1(InputStream in) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
