package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jwim.capture.testing.OracleTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance of {@code --update-of} on a raw NTFS volume: captured, then changed through ntfs-3g
 * in every way scripts/ntfs/update-mutations.py lists, then captured again with the first
 * capture as reference. The incremental WIM must list ({@code wimlib-imagex dir --detailed},
 * layout fields aside) and hold exactly what a full capture of the changed volume does. wimlib's
 * own {@code append --update-of} of the same volume is measured too, and the files it keeps
 * stale are printed.
 */
class UpdateOfMutationTest {
    private static final Pattern PATH = Pattern.compile("Full Path\\s*= \"(.*)\"");
    private static final Pattern STREAM = Pattern.compile("^\\t(.*stream.*):$");
    private static final Pattern HASH = Pattern.compile("^Hash\\s*= (0x[0-9a-f]+)");

    @TempDir
    Path tmp;

    private static Path script() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts/ntfs/update-mutations.py"))) {
            p = p.getParent();
        }
        return p.resolve("scripts/ntfs/update-mutations.py");
    }

    private void populate(Path img, String phase) throws Exception {
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        OracleTools.run(null, "ntfs-3g", "-o", "streams_interface=xattr", img.toString(), mnt.toString());
        try {
            OracleTools.run(null, "python3", script().toString(), mnt.toString(), phase);
        } finally {
            OracleTools.run(null, "umount", mnt.toString());
        }
    }

    /** Stream -> hash of every file of a dir --detailed listing ("/path [stream]"). */
    private static Map<String, String> streamHashes(String listing) {
        Map<String, String> out = new TreeMap<>();
        String path = null;
        String stream = null;
        for (String line : listing.split("\n")) {
            Matcher m;
            if ((m = PATH.matcher(line)).find()) {
                path = m.group(1);
            } else if ((m = STREAM.matcher(line)).find()) {
                stream = m.group(1);
            } else if ((m = HASH.matcher(line)).find()) {
                out.put(path + " [" + stream + "]", m.group(1));
            }
        }
        return out;
    }

    private static TreeSet<String> blobs(Path wim) throws Exception {
        TreeSet<String> set = new TreeSet<>();
        for (String block : OracleTools.run(null, "wimlib-imagex", "info", wim.toString(), "--blobs").split("\n\n")) {
            if (!block.contains("METADATA") && block.contains("Hash")) {
                set.add(block.replaceAll("(?s).*Hash\\s*=\\s*(\\S+).*Reference Count\\s*=\\s*(\\d+).*", "$1 refs $2"));
            }
        }
        return set;
    }

    @Test
    void incrementalCaptureOfAChangedVolumeEqualsAFullOne() throws Exception {
        for (String tool : new String[] {"mkntfs", "ntfs-3g", "python3", "wimlib-imagex"}) {
            OracleTools.requireTool(tool);
        }
        OracleTools.requireRoot();
        Path img = tmp.resolve("ntfs.img");
        OracleTools.run(null, "truncate", "-s", "16M", img.toString());
        OracleTools.run(null, "mkntfs", "-F", "-q", "-f", img.toString());
        populate(img, "base");
        Path ref = tmp.resolve("ref.wim");
        Jwim.ok("capture", img, ref, "--compress=xpress");
        populate(img, "mutate");

        Path upd = tmp.resolve("update.wim");
        Jwim.Result r = Jwim.ok("capture", img, upd, "--compress=xpress", "--update-of=" + ref + ":-1");
        assertTrue(r.out().contains("Update of an earlier image: "), r.out());
        Path full = tmp.resolve("full.wim");
        Jwim.ok("capture", img, full, "--compress=xpress");

        String fullListing = OracleTools.run(null, "wimlib-imagex", "dir", full.toString(), "1", "--detailed");
        assertEquals(DetailedListing.parse(fullListing), DetailedListing.parse(
                OracleTools.run(null, "wimlib-imagex", "dir", upd.toString(), "1", "--detailed")),
                "dir --detailed of the incremental and the full capture");
        assertEquals(blobs(full), blobs(upd), "blob sets");
        // wimlib reads jwim's WIM, FileIdentity tagged items and all
        OracleTools.run(null, "wimlib-imagex", "verify", upd.toString());
        OracleTools.run(null, "wimlib-imagex", "apply", upd.toString(), "1", tmp.resolve("applied").toString());
        assertTrue(Files.isRegularFile(tmp.resolve("applied/sub/moved.txt")), "wimlib applied the image");
        // unchanged.bin was taken over (its data not read): 6000 bytes at least
        Matcher m = Pattern.compile("(\\d+) bytes not read").matcher(r.out());
        assertTrue(m.find() && Long.parseLong(m.group(1)) >= 6000, r.out());

        // wimlib's incremental append of the same volume, against the same full capture
        Path theirs = tmp.resolve("wimlib.wim");
        Files.copy(ref, theirs);
        OracleTools.run(null, "wimlib-imagex", "append", img.toString(), theirs.toString(), "wimlib", "--update-of=1");
        Map<String, String> want = streamHashes(fullListing);
        Map<String, String> got = streamHashes(OracleTools.run(null, "wimlib-imagex", "dir", theirs.toString(), "2",
                "--detailed"));
        assertEquals(want.keySet(), got.keySet(), "wimlib's streams");
        List<String> stale = want.keySet().stream().filter(k -> !want.get(k).equals(got.get(k))).toList();
        System.out.println("wimlib-imagex append --update-of keeps stale data of: " + stale);
    }
}
