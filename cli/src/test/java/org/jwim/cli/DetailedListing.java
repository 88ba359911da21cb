package org.jwim.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code dir --detailed} output (wimlib-imagex or jwim) into path -> field lines, with
 * layout-only fields normalised: "Offset in WIM", "Compressed size" and "Solid resource" are
 * dropped ("Solid offset" is kept), and
 * "Link Group ID" is reduced to whether it is zero (each tool numbers groups its own way).
 */
final class DetailedListing {
    private DetailedListing() {
    }

    static Map<String, List<String>> parse(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String block : text.split(DirCommand.SEPARATOR + "\n")) {
            if (block.isBlank()) {
                continue;
            }
            List<String> lines = new ArrayList<>();
            String path = null;
            for (String line : block.split("\n", -1)) {
                if (line.startsWith("Full Path")) {
                    path = line;
                } else if (line.startsWith("Offset in WIM") || line.startsWith("Compressed size")
                        || line.startsWith("Solid resource")) {
                    continue;
                } else if (line.startsWith("Link Group ID")) {
                    line = "Link Group ID nonzero=" + !line.endsWith("0x0000000000000000");
                }
                lines.add(line.stripTrailing());
            }
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            if (path == null) {
                throw new AssertionError("block without Full Path: " + block);
            }
            out.put(path, lines);
        }
        return out;
    }

    /**
     * The listing with a short name equal to the long name shown empty: a name stored once, as
     * WIN32_AND_DOS, has an empty short name in jwim's WIMs (as in Microsoft's imagex) and the
     * name itself in wimlib's (a difference the README documents).
     */
    static Map<String, List<String>> win32AndDosAsEmpty(Map<String, List<String>> listing) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        listing.forEach((path, lines) -> {
            String name = path.substring(path.lastIndexOf('/') + 1, path.length() - 1);
            List<String> copy = new ArrayList<>(lines);
            copy.replaceAll(l -> l.equals("Short Name          = \"" + name + "\"") ? "Short Name          = \"\"" : l);
            out.put(path, copy);
        });
        return out;
    }
}
