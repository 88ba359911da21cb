package org.jwim.capture;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import org.jwim.capture.disk.Volume;
import org.jwim.capture.update.DiskReferences;
import org.jwim.capture.update.ReferenceImage;
import org.jwim.capture.update.UnchangedFiles;
import org.jwim.capture.update.UnchangedRecords;
import org.jwim.common.Futures;
import org.jwim.common.Warning;
import org.jwim.wim.WimFile;
import org.jwim.wim.WimWriter;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;

/**
 * A capture's {@code --update-of}: which earlier image(s) the new ones are compared with, and
 * the results. {@code wim} null means the WIM appended to; {@code image} null (disk captures
 * only) means every image of the WIM, each volume taking the latest one of its serial number and size.
 */
record UpdateOf(Path wim, String image, boolean verify, List<UnchangedFiles.Result> results) {
    UpdateOf(Path wim, String image, boolean verify) {
        this(wim, image, verify, new ArrayList<>());
    }

    /** Opens the reference WIM: {@link #wim()}, or the target when appending. */
    WimFile open(Path target, boolean append) throws IOException {
        return WimFile.open(path(target, append));
    }

    /** The reference WIM's path: {@link #wim()}, or the target when appending. */
    private Path path(Path target, boolean append) throws CaptureException {
        if (wim == null && !append) {
            throw new CaptureException("--update-of=" + image + " names an image of the WIM appended to;"
                    + " a new WIM needs --update-of=WIM:IMAGE");
        }
        return wim == null ? target : wim;
    }

    /**
     * Starts opening the reference WIM and reading the image {@link #image()} names on a thread
     * of its own, so that it overlaps the scan of the source (a third of a second of a cold
     * run on a 1 GiB volume: decompressing its metadata, parsing its XML). With {@code ahead}
     * (the new WIM's writer, or null), that thread then starts copying the image's blobs into it
     * ({@link WimWriter#copyAhead}): an unchanged volume's are all taken, and their copy and
     * write-back then run beside the scan instead of after it. With {@code records} too (a raw
     * volume's scan tells it of each MFT record), only the blobs of the files it finds unchanged
     * are copied, batch by batch as the scan goes on, when the image has jwim's NTFS identities.
     * The writer belongs to the {@link Loading} from here on (its close closes it), and must not
     * be used before {@link Loading#get()} returns.
     */
    Loading load(Path target, boolean append, WimWriter ahead, UnchangedRecords records) throws IOException {
        Path p;
        try {
            p = path(target, append); // a usage error before the scan
        } catch (IOException | RuntimeException e) {
            if (ahead != null) {
                ahead.close();
            }
            throw e;
        }
        FutureTask<ReferenceImage> task = new FutureTask<>(() -> {
            WimFile ref = WimFile.open(p);
            try {
                if (ahead != null && records == null && ref.imageCount() == 1) {
                    ahead.copyAhead(ref, (Dentry) null); // its blobs are the image's: start before reading it
                }
                ReferenceImage r = ReferenceImage.read(ref, ReferenceImage.resolve(ref, image));
                if (ahead != null && records != null && r.hasRecordIdentities()) {
                    records.copyAhead(r, ahead);
                } else if (ahead != null) {
                    ahead.copyAhead(ref, r.root()); // does nothing when started above
                }
                return r;
            } catch (IOException | RuntimeException e) {
                ref.close();
                throw e;
            }
        });
        start(task);
        return new Loading(task, ahead, records);
    }

    private static void start(Runnable task) {
        Thread t = new Thread(task, "jwim-update-of");
        t.setDaemon(true);
        t.start();
    }

    /**
     * A reference image being read ({@link #load}); closing it closes the writer given to
     * {@link #load} (which stops copying from the reference; nothing if it was committed),
     * then the reference WIM.
     */
    static final class Loading implements AutoCloseable {
        private final FutureTask<ReferenceImage> task;
        private final WimWriter ahead;
        private final UnchangedRecords records;

        private Loading(FutureTask<ReferenceImage> task, WimWriter ahead, UnchangedRecords records) {
            this.task = task;
            this.ahead = ahead;
            this.records = records;
        }

        /** Waits for the image (the scan is over); its WIM stays open until {@link #close()}. */
        ReferenceImage get() throws IOException {
            if (records != null) {
                records.end();
            }
            return Futures.await(task, "reading the --update-of image");
        }

        @Override
        public void close() throws IOException {
            ReferenceImage r;
            try {
                r = get();
            } catch (IOException | RuntimeException e) {
                r = null; // nothing left open; the caller saw or does not need the failure
            }
            try {
                if (ahead != null) {
                    ahead.close();
                }
            } finally {
                if (r != null) {
                    r.wim().close();
                }
            }
        }
    }

    /**
     * Starts pairing the volumes of a disk capture with images of {@code ref} (see
     * {@link DiskReferences}) on a thread of its own, so that reading the reference images
     * overlaps the scan of the first volumes. {@code ref} must stay open until it is closed.
     */
    Planning plan(WimFile ref, FileChannel disk, List<Volume> volumes) throws IOException {
        int first = image == null ? 1 : ReferenceImage.resolve(ref, image); // a usage error before the scan
        int last = image == null ? ref.imageCount() : first;
        FutureTask<DiskReferences> task = new FutureTask<>(() -> DiskReferences.plan(ref, first, last, disk, volumes));
        start(task);
        return new Planning(task);
    }

    /** Reference images being paired with volumes ({@link #plan}); close it before the reference WIM. */
    static final class Planning implements AutoCloseable {
        private final FutureTask<DiskReferences> task;

        private Planning(FutureTask<DiskReferences> task) {
            this.task = task;
        }

        /** Waits for the pairing. */
        DiskReferences get() throws IOException {
            return Futures.await(task, "reading the --update-of images");
        }

        /** Waits until the reference WIM is no longer read; the caller saw or does not need a failure. */
        @Override
        public void close() {
            try {
                get();
            } catch (IOException | RuntimeException e) {
                // nothing left to wait for
            }
        }
    }

    /** Compares {@code tree} with {@code r}; null (no earlier image of the volume) counts as nothing taken over. */
    void reuse(ImageTree tree, ReferenceImage r, Consumer<Warning> warnings) throws IOException {
        if (r == null) {
            results.add(new UnchangedFiles.Result(0, 0, 0, 0));
        } else {
            results.add(UnchangedFiles.against(r).verify(verify).warnings(warnings).apply(tree));
        }
    }
}
