package org.jwim.capture.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jwim.capture.testing.OracleTools;

/** Disks and FAT volumes for apply tests, and mtools/fsck helpers working at a byte offset. */
public final class ApplyFixtures {
    public static final long ESP_OFFSET = 1L << 20;
    public static final long ESP_LENGTH = 40L << 20;

    private ApplyFixtures() {
    }

    /** Runs scripts/disk/make-disks.sh into {@code dir}; returns dir/gpt.img. */
    public static Path gptDisk(Path dir) throws Exception {
        for (String tool : new String[] {"sfdisk", "mkfs.fat", "mcopy", "fsck.fat", "mkntfs", "ntfscp",
                "mkfs.ext4", "mkfs.exfat"}) {
            OracleTools.requireTool(tool);
        }
        OracleTools.run(null, "bash", repoRoot().resolve("scripts/disk/make-disks.sh").toString(), dir.toString());
        return dir.resolve("gpt.img");
    }

    /** A bare FAT volume (no partition table) of {@code mib} MiB. */
    public static Path bareFat(Path file, String bits, int mib) throws Exception {
        OracleTools.requireTool("mkfs.fat");
        OracleTools.requireTool("fsck.fat");
        OracleTools.requireTool("mcopy");
        OracleTools.run(null, "truncate", "-s", mib + "M", file.toString());
        OracleTools.run(null, "mkfs.fat", "-F", bits, "-n", "TARGET", file.toString());
        return file;
    }

    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts/disk/make-disks.sh"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("repository root not found");
        }
        return p;
    }

    /** mtools image argument for a volume at {@code offset}. */
    public static String at(Path img, long offset) {
        return offset == 0 ? img.toString() : img + "@@" + offset;
    }

    public static String mtools(String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("MTOOLS_SKIP_CHECK", "1");
        pb.environment().put("LC_ALL", "C.UTF-8");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    /** Copies a volume region out of a disk image into its own file (for fsck.fat). */
    public static Path extract(Path disk, long offset, long length, Path to) throws IOException {
        try (FileChannel in = FileChannel.open(disk); FileChannel out = FileChannel.open(to,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            long done = 0;
            while (done < length) {
                done += in.transferTo(offset + done, length - done, out);
            }
        }
        return to;
    }

    /** fsck.fat -n on the region; fails the test on any finding. */
    public static void fsckClean(Path disk, long offset, long length, Path scratch) throws Exception {
        Path vol = extract(disk, offset, length, scratch);
        String out = OracleTools.run(null, "fsck.fat", "-n", vol.toString());
        Files.delete(vol);
        for (String line : out.split("\n")) {
            // clean output is the version line and the summary "PATH: N files, U/T clusters"
            if (!line.isBlank() && !line.startsWith("fsck.fat ") && !line.matches(".*: \\d+ files, \\d+/\\d+ clusters")) {
                throw new AssertionError("fsck.fat findings:\n" + out);
            }
        }
    }

    /**
     * The tree under {@code dir} of the volume as mcopy -s -n copies it out: relative paths,
     * then hex of each file, sorted.
     */
    public static String tree(Path img, long offset, String dir, Path out) throws Exception {
        Files.createDirectories(out);
        String src = dir.equals("/") ? "::/*" : "::" + dir;
        String listing = mtools("mdir", "-/", "-b", "-i", at(img, offset), "::/");
        if (!dir.equals("/") || !listing.isBlank()) {
            mtools("mcopy", "-s", "-n", "-m", "-i", at(img, offset), src, out.toString());
        }
        return snapshot(out);
    }

    public static String snapshot(Path root) throws IOException {
        List<String> lines = new ArrayList<>();
        try (var s = Files.walk(root)) {
            for (Path p : s.sorted().toList()) {
                String rel = root.relativize(p).toString();
                lines.add(Files.isRegularFile(p) ? rel + " " + HexFormat.of().formatHex(Files.readAllBytes(p)) : rel + "/");
            }
        }
        return String.join("\n", lines);
    }

    /** Raw bytes of a region (to prove a dry run or a refused apply wrote nothing). */
    public static byte[] read(Path img, long offset, int length) throws IOException {
        try (FileChannel ch = FileChannel.open(img)) {
            ByteBuffer b = ByteBuffer.allocate(length);
            while (b.hasRemaining() && ch.read(b, offset + b.position()) > 0) {
                // fill
            }
            return b.array();
        }
    }
}
