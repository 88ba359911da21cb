package org.jwim.wim;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jwim.wim.read.WimPart;

/**
 * The files of a split WIM: how parts are named ({@code NAME.swm}, {@code NAME2.swm}, ...),
 * {@code --ref} globs, and the checks that the parts found belong together.
 */
public final class SplitParts {
    private SplitParts() {
    }

    /**
     * The file of part {@code n} beside part 1, as DISM and wimlib name them: the number goes
     * before the extension ({@code install.swm} -> {@code install2.swm}); part 1 keeps its name.
     */
    public static Path partName(Path part1, int n) {
        if (n == 1) {
            return part1;
        }
        String name = part1.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String numbered = dot <= 0 ? name + n : name.substring(0, dot) + n + name.substring(dot);
        return part1.resolveSibling(numbered);
    }

    /**
     * The files matching a wimlib-style {@code --ref} glob; wildcards ({@code * ? [..]}) are
     * allowed in the file name, not in the directories. Sorted by name; none is an error.
     */
    public static List<Path> glob(String glob) throws IOException {
        Path p = Path.of(glob);
        Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
        String pattern = p.getFileName().toString();
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, pattern)) {
                for (Path f : ds) {
                    if (Files.isRegularFile(f)) {
                        found.add(p.getParent() == null ? f.getFileName() : f);
                    }
                }
            }
        }
        if (found.isEmpty()) {
            throw new WimException("--ref " + glob + " matches no file");
        }
        found.sort(null);
        return found;
    }

    /**
     * Opens the parts of the split WIM whose part 1 is already open. With no {@code refs},
     * parts 2..N are looked for beside part 1; otherwise they are the refs (which may name
     * part 1 again, as {@code --ref=NAME*.swm} does). Every part must carry part 1's GUID and
     * part count, and each part number must come exactly once.
     *
     * @return all parts, element i being part i+1; the caller owns the newly opened ones
     */
    static WimPart[] open(WimPart first, List<Path> refs) throws IOException {
        int total = first.header().totalParts();
        WimPart[] parts = new WimPart[total];
        parts[0] = first;
        try {
            if (refs.isEmpty()) {
                for (int n = 2; n <= total; n++) {
                    Path f = partName(first.path(), n);
                    if (!Files.exists(f)) {
                        throw new WimException(first.path() + " is part 1 of a " + total
                                + "-part split WIM, but part " + n + " (" + f
                                + ") does not exist; name the parts with --ref");
                    }
                    add(parts, first, WimPart.open(f));
                }
            } else {
                for (Path f : refs) {
                    if (!Files.isSameFile(f, first.path())) {
                        add(parts, first, WimPart.open(f));
                    }
                }
            }
            for (int n = 2; n <= total; n++) {
                if (parts[n - 1] == null) {
                    throw new WimException("part " + n + " of the " + total + "-part split WIM "
                            + first.path() + " is missing: no --ref file is part " + n);
                }
            }
            return parts;
        } catch (IOException | RuntimeException e) {
            for (int i = 1; i < total; i++) {
                if (parts[i] != null) {
                    parts[i].close();
                }
            }
            throw e;
        }
    }

    private static void add(WimPart[] parts, WimPart first, WimPart p) throws IOException {
        try {
            String what = p.path() + " is not a part of the split WIM " + first.path();
            if (!Arrays.equals(p.header().guid(), first.header().guid())) {
                throw new WimException(what + ": its GUID is " + p.header().guidHex()
                        + ", part 1's is " + first.header().guidHex());
            }
            if (p.header().totalParts() != parts.length) {
                throw new WimException(what + ": it says " + p.header().totalParts()
                        + " parts, part 1 says " + parts.length);
            }
            if (p.compression() != first.compression()
                    || p.header().chunkSize() != first.header().chunkSize()) {
                throw new WimException(what + ": it uses " + p.compression() + " with "
                        + p.header().chunkSize() + "-byte chunks, part 1 " + first.compression()
                        + " with " + first.header().chunkSize());
            }
            int n = p.header().partNumber();
            if (parts[n - 1] != null) {
                throw new WimException(p.path() + " and " + parts[n - 1].path() + " are both part "
                        + n + " of the split WIM " + first.path());
            }
            parts[n - 1] = p;
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
    }
}
