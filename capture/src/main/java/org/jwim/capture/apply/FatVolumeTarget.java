package org.jwim.capture.apply;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.jwim.capture.CaptureException;
import org.jwim.common.Filetime;
import org.jwim.fat.write.EntryMeta;
import org.jwim.fat.write.FatDirectory;
import org.jwim.fat.write.FatFile;
import org.jwim.fat.write.FatWriter;
import org.jwim.wim.ProgressListener;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.StreamKind;
import org.jwim.wim.model.StreamRef;

/**
 * Applies an image to a raw FAT volume through a {@link FatWriter} (already opened, so its
 * wipe is planned): directories and files first (clusters allocated, entries built), then the
 * data, each blob read once in container order and written to every file that holds it.
 * The image's 8.3 names are kept where valid and free (else generated, as Windows would).
 * Root entries that would land on a protected item (long or short name, any case) are skipped
 * and reported. FAT has no links, named streams or security: reparse points are skipped,
 * extra hard links become copies, and the rest is reported in one warning each. Times are
 * written as local times of the configured zone (UTC by default, as capture reads them).
 * Not thread-safe.
 */
public final class FatVolumeTarget {

    private final FatWriter writer;
    private Protection protection = Protection.defaults();
    private ZoneId zone = ZoneOffset.UTC;
    private ToLongFunction<Sha1> readPosition = h -> 0;
    private ProgressListener progress = ProgressListener.NONE;
    private Consumer<String> listener = w -> { };
    private int threads = Runtime.getRuntime().availableProcessors();

    private FatVolumeTarget(FatWriter writer) {
        this.writer = Objects.requireNonNull(writer);
    }

    public static FatVolumeTarget of(FatWriter writer) {
        return new FatVolumeTarget(writer);
    }

    /** Root entries never written over (the writer keeps them; this reports the skip). */
    public FatVolumeTarget protection(Protection value) {
        this.protection = Objects.requireNonNull(value);
        return this;
    }

    /** Zone the FAT local times are written in (default UTC). */
    public FatVolumeTarget timeZone(ZoneId value) {
        this.zone = Objects.requireNonNull(value);
        return this;
    }

    /** Where each blob lies in its container, so data is read front to back. */
    public FatVolumeTarget readOrder(ToLongFunction<Sha1> position) {
        this.readPosition = Objects.requireNonNull(position);
        return this;
    }

    /** Threads that read and decompress small blobs ahead of the (single) writer. */
    public FatVolumeTarget threads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + count);
        }
        this.threads = count;
        return this;
    }

    public FatVolumeTarget progress(ProgressListener value) {
        this.progress = Objects.requireNonNull(value);
        return this;
    }

    public FatVolumeTarget warnings(Consumer<String> value) {
        this.listener = Objects.requireNonNull(value);
        return this;
    }

    /**
     * Creates the image's tree under the volume root and writes its data. The caller finishes
     * (closes) the writer, also after a failure, so the volume stays consistent.
     *
     * @throws CaptureException naming the file when a blob is corrupt or the volume is full
     */
    public ApplyReport apply(ImageTree tree, BlobOpener blobs) throws IOException {
        List<String> warnings = new ArrayList<>();
        Consumer<String> warn = m -> {
            warnings.add(m);
            listener.accept(m);
        };
        Map<Sha1, List<FatFile>> byBlob = new LinkedHashMap<>();
        Map<Sha1, String> firstPath = new LinkedHashMap<>();
        long dirs = 0;
        long files = 0;
        long copies = 0;
        long named = 0;
        long links = 0;
        record Work(Dentry dentry, FatDirectory parent) {
        }
        Deque<Work> stack = new ArrayDeque<>();
        List<Dentry> top = tree.root().children();
        for (int i = top.size() - 1; i >= 0; i--) {
            Dentry d = top.get(i);
            if (protection.matches(d) || writer.root().contains(d.name())) {
                warn.accept(d.path() + ": would overwrite the protected '" + d.name() + "', skipped");
                continue;
            }
            stack.push(new Work(d, writer.root()));
        }
        while (!stack.isEmpty()) {
            Work w = stack.pop();
            Dentry d = w.dentry();
            Inode inode = d.inode();
            for (StreamRef s : inode.streams()) {
                if (s.kind() == StreamKind.DATA && !s.name().isEmpty()) {
                    named++;
                }
            }
            try {
                if (inode.isReparsePoint()) {
                    links++;
                    warn.accept(d.path() + ": reparse point (link) cannot be stored on FAT, skipped");
                } else if (inode.isDirectory()) {
                    FatDirectory sub = writer.mkdir(w.parent(), d.name(), d.shortName(), meta(inode));
                    dirs++;
                    List<Dentry> ch = d.children();
                    for (int i = ch.size() - 1; i >= 0; i--) {
                        stack.push(new Work(ch.get(i), sub));
                    }
                } else {
                    StreamRef data = inode.unnamedData();
                    long size = data == null ? 0 : data.size();
                    FatFile f = writer.createFile(w.parent(), d.name(), d.shortName(), size, meta(inode));
                    if (inode.dentries().size() > 1 && inode.dentries().get(0) != d) {
                        copies++;
                    } else {
                        files++;
                    }
                    if (size > 0) {
                        byBlob.computeIfAbsent(data.hash(), h -> new ArrayList<>()).add(f);
                        firstPath.putIfAbsent(data.hash(), d.path());
                    }
                }
            } catch (IllegalArgumentException e) {
                warn.accept(d.path() + ": cannot be stored on FAT (" + e.getMessage() + "), skipped");
            } catch (org.jwim.fat.write.FatVolumeFullException e) {
                throw new CaptureException(e.getMessage(), e);
            }
        }
        long bytes;
        try {
            bytes = new BlobPump<FatFile>((f, pos, b, off, n) -> f.write(pos, b, off, n), FatFile::size, progress)
                    .run(byBlob, firstPath, readPosition, blobs, threads);
        } catch (IOException | RuntimeException e) {
            // files whose data did not arrive would show stale bytes of wiped files: empty them
            long emptied = 0;
            for (List<FatFile> group : byBlob.values()) {
                for (FatFile f : group) {
                    if (!f.isComplete()) {
                        f.discard();
                        emptied++;
                    }
                }
            }
            if (emptied > 0 && e instanceof CaptureException) {
                throw new CaptureException(e.getMessage() + " (" + emptied
                        + " file(s) not yet written were left empty)", e);
            }
            throw e;
        }
        if (copies > 0) {
            warn.accept(copies + " extra hard link(s) written as separate copies (FAT has no hard links)");
        }
        if (named > 0) {
            warn.accept(named + " named data stream(s) not applied (not supported by FAT)");
        }
        if (links > 0) {
            warn.accept(links + " reparse point(s) not applied (not supported by FAT)");
        }
        return new ApplyReport(dirs, files, copies, 0, bytes, List.of(), warnings);
    }

    private EntryMeta meta(Inode inode) {
        return new EntryMeta(inode.attributes() & EntryMeta.FAT_ATTRIBUTES, local(inode.creationTime()),
                local(inode.lastWriteTime()), local(inode.lastAccessTime()));
    }

    private LocalDateTime local(long filetime) {
        if (filetime <= 0) {
            return null;
        }
        return LocalDateTime.ofInstant(Filetime.toInstant(filetime), zone);
    }
}
