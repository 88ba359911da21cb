package org.jwim.wim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jwim.wim.format.WimHeader;

/**
 * Changes to an existing WIM: delete images, optimize (rebuild without dead space), edit image
 * properties. Each writes a temporary file beside the WIM and renames it into place, so a crash
 * or signal at any point leaves the original byte-identical.
 */
public final class WimMaintenance {
    private WimMaintenance() {
    }

    /** Sizes and blob counts before and after a change. */
    public record Result(long sizeBefore, long sizeAfter, int blobsBefore, int blobsAfter) {
    }

    /** One XML property of one image (see {@code XmlData#setImageProperty}); "" removes it. */
    public record Property(int image, String path, String value) {
    }

    /**
     * Rebuilds {@code wim} with every image: only referenced blobs remain. Blobs keep their
     * stored form unless {@code options} names another compression or chunk size (then they
     * are recompressed), or {@code recompress} is set.
     */
    public static Result optimize(Path wim, WriteOptions options, boolean recompress) throws IOException {
        return rebuild(wim, Set.of(), options, recompress);
    }

    /**
     * Deletes images (1-based). Hard: the WIM is rebuilt without them and their blobs. Soft
     * (wimlib's --soft): only their metadata and XML go; their blobs stay in the file as dead
     * space, out of the blob table.
     */
    public static Result delete(Path wim, Set<Integer> images, boolean soft, WriteOptions options)
            throws IOException {
        if (!soft) {
            return rebuild(wim, images, options, false);
        }
        long before = Files.size(wim);
        int blobsBefore;
        int boot;
        List<org.jwim.wim.model.ImageTree> trees = new ArrayList<>();
        try (WimFile old = WimFile.open(wim)) {
            check(old, images);
            blobsBefore = old.blobLocations().size();
            boot = newBoot(old.bootIndex(), images);
            for (int i : new TreeSet<>(images).descendingSet()) {
                trees.add(old.readImage(i));
            }
        }
        try (WimWriter w = WimWriter.append(wim, options.bootIndex(boot))) {
            int k = 0;
            for (int i : new TreeSet<>(images).descendingSet()) {
                w.dropImage(i, trees.get(k++));
            }
            int after = w.blobCount();
            w.commit();
            return new Result(before, Files.size(wim), blobsBefore, after);
        }
    }

    /** Changes image XML properties (names, descriptions, WINDOWS details) and the boot index. */
    public static void edit(Path wim, List<Property> changes, int bootIndex, WriteOptions options)
            throws IOException {
        try (WimWriter w = WimWriter.append(wim, options.bootIndex(bootIndex))) {
            for (Property p : changes) {
                if (p.image() < 1 || p.image() > w.imageCount()) {
                    throw new WimException(wim + " has no image " + p.image());
                }
                w.xml().setImageProperty(p.image(), p.path(), p.value());
            }
            w.commit();
        }
    }

    private static Result rebuild(Path wim, Set<Integer> drop, WriteOptions options, boolean recompress)
            throws IOException {
        long before = Files.size(wim);
        try (WimFile old = WimFile.open(wim)) {
            check(old, drop);
            return rebuild(old, wim, before, drop, options, recompress);
        }
    }

    /**
     * Joins the parts of a split WIM (in any order) into one WIM at {@code out}, blobs copied as
     * stored; the GUID, images and their XML stay.
     */
    public static Result join(List<Path> parts, Path out, WriteOptions options) throws IOException {
        Path first = null;
        long before = 0;
        for (Path p : parts) {
            before += Files.size(p);
            try (WimFile f = WimFile.open(p)) {
                if (f.header().partNumber() == 1) {
                    first = p;
                }
            }
        }
        if (first == null) {
            throw new WimException("none of " + parts + " is part 1 of a split WIM");
        }
        try (WimFile old = WimFile.open(first, parts)) {
            return rebuild(old, out, before, Set.of(), options, false);
        }
    }

    /** Writes {@code old} without the images {@code drop} to {@code target} (atomically). */
    private static Result rebuild(WimFile old, Path target, long before, Set<Integer> drop,
            WriteOptions options, boolean recompress) throws IOException {
        WimHeaderInfo h = old.header();
        WriteOptions o = options.bootIndex(newBoot(old.bootIndex(), drop))
                .integrity(options.integrityAfter(old.hasIntegrityTable()));
        if (o.compression() == null) {
            o = o.compression(old.compression());
        }
        if (o.chunkSize() == 0 && o.compression() == old.compression()) {
            o = o.chunkSize(old.chunkSize());
        }
        int flags = h.flags() & WimHeader.FLAG_RP_FIX;
        try (WimWriter w = WimWriter.create(target, o, HexFormat.of().parseHex(h.guid()), flags)) {
            w.recompressAll(recompress);
            for (ImageSummary s : old.images()) {
                if (!drop.contains(s.index())) {
                    w.exportImage(old, s.index(), s.info());
                }
            }
            int after = w.blobCount();
            w.commit();
            return new Result(before, Files.size(target), old.blobLocations().size(), after);
        }
    }

    private static void check(WimFile old, Set<Integer> images) throws WimException {
        if (old.header().totalParts() != 1) {
            throw new UnsupportedWimException(old.path() + " is part of a split WIM; join it first");
        }
        for (int i : images) {
            if (i < 1 || i > old.imageCount()) {
                throw new WimException(old.path() + " has no image " + i);
            }
        }
    }

    /** The boot image's index once {@code dropped} are gone (0 if it is one of them). */
    private static int newBoot(int boot, Set<Integer> dropped) {
        if (boot == 0 || dropped.contains(boot)) {
            return 0;
        }
        return boot - (int) dropped.stream().filter(i -> i < boot).count();
    }
}
