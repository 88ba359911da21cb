package org.jwim.capture.apply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.jwim.capture.internal.FileTimes;
import org.jwim.capture.platform.PosixFiles;
import org.jwim.capture.platform.UnixNodes;
import org.jwim.common.Warning;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.UnixData;

/**
 * wimlib's {@code apply --unix-data}, run on a directory once the image is in it: entries that
 * carry {@link UnixData} get their owner, group and mode, and FIFOs, sockets and device nodes
 * (applied as empty files) are made again with {@code mknod} and given back their times and
 * their directory's. Directories get their mode after their contents, so a read-only one does
 * not stop the pass. What the system refuses is a warning.
 */
public final class UnixDataApply {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private UnixDataApply() {
    }

    /**
     * Restores the UNIX data of {@code tree}'s entries under {@code dir}.
     *
     * @return {@code report} with the warnings raised here added (each also sent to {@code warn})
     */
    public static ApplyReport restore(ImageTree tree, Path dir, ApplyReport report, Consumer<Warning> warn) {
        return restore(List.of(tree.root()), dir, report, warn);
    }

    /**
     * As {@link #restore(ImageTree, Path, ApplyReport, Consumer)} for extracted subtrees: each
     * of {@code tops} lies in {@code dir} under its own name (the image root is {@code dir}).
     */
    public static ApplyReport restore(List<Dentry> tops, Path dir, ApplyReport report, Consumer<Warning> warn) {
        List<Warning> warnings = new ArrayList<>(report.warnings());
        Consumer<Warning> both = w -> {
            warnings.add(w);
            warn.accept(w);
        };
        List<Dentry> order = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (Dentry top : tops) {
            String base = top.parent() == null ? "/" : top.parent().path();
            int cut = base.equals("/") ? 1 : base.length() + 1;
            for (Dentry d : preOrder(top)) {
                order.add(d);
                String p = d.path();
                paths.add(p.length() <= cut ? dir : dir.resolve(p.substring(cut)));
            }
        }
        for (int i = 0; i < order.size(); i++) {
            UnixData u = UnixData.of(order.get(i).inode());
            if (u != null && u.isSpecial()) {
                makeNode(order.get(i), u, paths.get(i), both);
            }
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            UnixData u = UnixData.of(order.get(i).inode());
            if (u != null) {
                ownAndMode(u, paths.get(i), both);
            }
        }
        return new ApplyReport(report.directories(), report.files(), report.hardLinks(), report.symlinks(),
                report.bytes(), report.corrupt(), warnings);
    }

    private static List<Dentry> preOrder(Dentry root) {
        List<Dentry> out = new ArrayList<>();
        Deque<Dentry> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Dentry d = todo.pop();
            out.add(d);
            List<Dentry> c = d.children();
            for (int i = c.size() - 1; i >= 0; i--) {
                todo.push(c.get(i));
            }
        }
        return out;
    }

    /** Replaces the empty file the apply left by the node, keeping its and its parent's times. */
    private static void makeNode(Dentry d, UnixData u, Path p, Consumer<Warning> warn) {
        try {
            if (!Files.isRegularFile(p, NOFOLLOW) || Files.size(p) != 0) {
                return; // not applied (a warning said why) or kept from before
            }
            Path parent = p.getParent();
            BasicFileAttributes pa = Files.readAttributes(parent, BasicFileAttributes.class, NOFOLLOW);
            Files.delete(p);
            UnixNodes.create(p, (int) u.mode(), u.rdev());
            Inode in = d.inode();
            // by path: opening a FIFO to set its times would wait for a writer
            setTimes(p, FileTimes.toFileTime(in.lastAccessTime()), FileTimes.toFileTime(in.lastWriteTime()));
            setTimes(parent, pa.lastAccessTime(), pa.lastModifiedTime());
        } catch (IOException e) {
            warn.accept(new Warning(p.toString(), Warning.Kind.SKIPPED,
                    "cannot create the " + kind(u) + ": " + FileErrors.reason(e)));
        }
    }

    private static void setTimes(Path p, FileTime access, FileTime modified) throws IOException {
        if (PosixFiles.available()) {
            PosixFiles.setTimes(p, access, modified);
        } else {
            Files.getFileAttributeView(p, BasicFileAttributeView.class, NOFOLLOW).setTimes(modified, access, null);
        }
    }

    private static void ownAndMode(UnixData u, Path p, Consumer<Warning> warn) {
        if (!Files.exists(p, NOFOLLOW)) {
            return; // not applied: a warning said why
        }
        try {
            Files.setAttribute(p, "unix:uid", (int) u.uid(), NOFOLLOW);
            Files.setAttribute(p, "unix:gid", (int) u.gid(), NOFOLLOW);
        } catch (IOException | RuntimeException e) {
            warn.accept(new Warning(p.toString(), Warning.Kind.UNSUPPORTED, "owner " + u.uid() + ":" + u.gid()
                    + " not set: " + (e instanceof IOException io ? FileErrors.reason(io) : e.getMessage())));
        }
        if (u.type() == UnixData.S_IFLNK || Files.isSymbolicLink(p)) {
            return; // a link's own mode means nothing on Linux
        }
        try {
            Files.setAttribute(p, "unix:mode", (int) (u.mode() & 07777));
        } catch (IOException | RuntimeException e) {
            warn.accept(new Warning(p.toString(), Warning.Kind.UNSUPPORTED, "mode " + Long.toOctalString(u.mode())
                    + " not set: " + (e instanceof IOException io ? FileErrors.reason(io) : e.getMessage())));
        }
    }

    private static String kind(UnixData u) {
        return switch (u.type()) {
            case UnixData.S_IFIFO -> "FIFO";
            case UnixData.S_IFSOCK -> "socket";
            case UnixData.S_IFCHR -> "character device";
            default -> "block device";
        };
    }
}
