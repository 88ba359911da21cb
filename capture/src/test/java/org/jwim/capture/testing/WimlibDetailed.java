package org.jwim.capture.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Parses wimlib-imagex's {@code dir --detailed} listing for entry-by-entry comparisons. */
public final class WimlibDetailed {
    private WimlibDetailed() {
    }

    /**
     * wimlib's {@code dir --detailed} of an image: Full Path -> the entry's lines that
     * {@code keep} accepts, the fields that depend on the WIM's layout or on the other images
     * (reference counts) left out and link group
     * ids reduced to whether they are zero (each tool numbers groups its own way).
     */
    public static Map<String, List<String>> of(Path wim, int image, Predicate<String> keep)
            throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        String text = OracleTools.run(null, "wimlib-imagex", "dir", wim.toString(), Integer.toString(image), "--detailed");
        for (String block : text.split("(?m)^-{20,}$")) {
            List<String> lines = new ArrayList<>();
            String path = null;
            for (String line : block.strip().split("\n")) {
                if (line.startsWith("Full Path")) {
                    path = line;
                } else if (line.startsWith("Link Group ID")) {
                    lines.add("Link Group ID nonzero=" + !line.endsWith("0x0000000000000000"));
                } else if (!line.isBlank() && !line.startsWith("Offset in WIM") && !line.startsWith("Compressed size")
                        && !line.startsWith("Solid resource") && !line.startsWith("Reference Count") && keep.test(line)) {
                    lines.add(line.stripTrailing());
                }
            }
            if (path != null) {
                out.put(path, lines);
            }
        }
        return out;
    }
}
