package org.jwim.capture.disk.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.jwim.capture.apply.BlobOpener;
import org.jwim.capture.source.DirectorySource;
import org.jwim.common.Warning;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.WimFile;
import org.jwim.wim.WimWriter;
import org.jwim.wim.WriteOptions;
import org.jwim.wim.blob.Sha1;
import org.jwim.wim.model.ImageTree;

/** What a new volume is filled with: nothing, a host directory, an {@link ImageTree} or a WIM image. */
public sealed interface VolumeContent {
    /** An empty volume. */
    static VolumeContent empty() {
        return Empty.INSTANCE;
    }

    /** The tree under {@code dir}, scanned as {@code jwim capture} of a directory does. */
    static VolumeContent directory(Path dir) {
        return new Directory(dir);
    }

    /** Image {@code index} (1-based) of the WIM at {@code wim}. */
    static VolumeContent wimImage(Path wim, int index) {
        return new WimImage(wim, index);
    }

    /** A tree whose blobs {@code blobs} opens by hash. */
    static VolumeContent tree(ImageTree tree, BlobOpener blobs) {
        return new Tree(tree, blobs, h -> 0);
    }

    /** Opens the tree and its blobs; {@code scratch} is a directory for temporary files. */
    Source open(Path scratch, Consumer<Warning> warnings) throws IOException;

    /** A tree ready to apply, and what to close afterwards. */
    interface Source extends AutoCloseable {
        ImageTree tree();

        BlobOpener blobs();

        ToLongFunction<Sha1> readOrder();

        @Override
        void close() throws IOException;
    }

    /** No content. */
    enum Empty implements VolumeContent {
        INSTANCE;

        @Override
        public Source open(Path scratch, Consumer<Warning> warnings) {
            throw new IllegalStateException("an empty volume has nothing to open");
        }
    }

    /** A host directory. */
    record Directory(Path dir) implements VolumeContent {
        public Directory {
            Objects.requireNonNull(dir);
        }

        /**
         * Scans the directory into an uncompressed scratch WIM, which then gives blobs by
         * hash to the same apply code a WIM image uses.
         */
        @Override
        public Source open(Path scratch, Consumer<Warning> warnings) throws IOException {
            if (!Files.isDirectory(dir)) {
                throw new java.nio.file.NotDirectoryException(dir.toString());
            }
            ImageTree scanned = DirectorySource.of(dir).warnings(warnings).scan();
            Path wim = Files.createTempFile(scratch, "content-", ".wim");
            try {
                try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(CompressionType.NONE))) {
                    w.addImage(scanned, new ImageInfo(dir.getFileName() == null ? "dir" : dir.getFileName().toString(),
                            "", "jwim disk builder", ""));
                    w.commit();
                }
                Source s = new WimImage(wim, 1).open(scratch, warnings);
                return new Tree(s.tree(), s.blobs(), s.readOrder()).closing(() -> {
                    try {
                        s.close();
                    } finally {
                        Files.deleteIfExists(wim);
                    }
                });
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(wim);
                throw e;
            }
        }
    }

    /** One image of a WIM file. */
    record WimImage(Path wim, int index) implements VolumeContent {
        public WimImage {
            Objects.requireNonNull(wim);
            if (index < 1) {
                throw new IllegalArgumentException("image index " + index + " (images count from 1)");
            }
        }

        @Override
        public Source open(Path scratch, Consumer<Warning> warnings) throws IOException {
            WimFile f = WimFile.open(wim);
            try {
                ImageTree t = f.readImage(index);
                return new Tree(t, f::openBlob, f.readOrder()).closing(f::close);
            } catch (IOException | RuntimeException e) {
                f.close();
                throw e;
            }
        }
    }

    /** A tree and its blobs, owned by the caller. */
    record Tree(ImageTree tree, BlobOpener blobs, ToLongFunction<Sha1> readOrder) implements VolumeContent {
        public Tree {
            Objects.requireNonNull(tree);
            Objects.requireNonNull(blobs);
            Objects.requireNonNull(readOrder);
        }

        @Override
        public Source open(Path scratch, Consumer<Warning> warnings) {
            return closing(() -> { });
        }

        Source closing(java.io.Closeable onClose) {
            return new Source() {
                @Override
                public ImageTree tree() {
                    return tree;
                }

                @Override
                public BlobOpener blobs() {
                    return blobs;
                }

                @Override
                public ToLongFunction<Sha1> readOrder() {
                    return readOrder;
                }

                @Override
                public void close() throws IOException {
                    onClose.close();
                }
            };
        }
    }
}
