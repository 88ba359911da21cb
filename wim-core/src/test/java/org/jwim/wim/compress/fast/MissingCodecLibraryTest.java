package org.jwim.wim.compress.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.jwim.common.LE;
import org.jwim.wim.CompressionType;
import org.jwim.wim.ImageInfo;
import org.jwim.wim.WimFile;
import org.jwim.wim.WimWriter;
import org.jwim.wim.WriteOptions;
import org.jwim.wim.blob.MemorySource;
import org.jwim.wim.model.Dentry;
import org.jwim.wim.model.ImageTree;
import org.jwim.wim.model.Inode;
import org.jwim.wim.model.StreamKind;
import org.jwim.wim.model.StreamRef;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * wim-core without lz4-java and zstd-jni: its classes are loaded a second time by a class loader
 * that sees only wim-core, its required org.jwim.common and the JDK, as an embedder's class path
 * would be.
 */
class MissingCodecLibraryTest {
    @TempDir
    Path dir;

    /**
     * The JDK's classes only. The platform loader alone would not do: it finds the classes of
     * every module of the boot layer, and surefire puts wim-core and both libraries there.
     */
    private static final class JdkOnly extends ClassLoader {
        JdkOnly() {
            super(ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.jwim.") || name.startsWith("net.jpountz.")
                    || name.startsWith("com.github.luben.")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }
    }

    @ParameterizedTest
    @EnumSource(value = CompressionType.class, names = {"LZ4", "ZSTD"})
    void readingAndWritingNameTheMissingJar(CompressionType type) throws Exception {
        Path wim = dir.resolve("x.wim");
        ImageTree t = ImageTree.empty();
        Inode in = new Inode(Inode.ATTR_NORMAL);
        in.addStream(StreamRef.fromSource(StreamKind.DATA, "", new MemorySource(new byte[5000])));
        t.root().add(new Dentry("f", in));
        try (WimWriter w = WimWriter.create(wim, WriteOptions.defaults().compression(type))) {
            w.addImage(t, ImageInfo.of("x", ""));
            w.commit();
        }
        String jar = type == CompressionType.LZ4 ? "lz4-java (at.yawk.lz4:lz4-java)"
                : "zstd-jni (com.github.luben:zstd-jni)";

        URL wimCore = WimFile.class.getProtectionDomain().getCodeSource().getLocation();
        URL common = LE.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader bare = new URLClassLoader(new URL[] {wimCore, common}, new JdkOnly())) {
            assertThrows(ClassNotFoundException.class,
                    () -> Class.forName("net.jpountz.lz4.LZ4Factory", false, bare));
            assertThrows(ClassNotFoundException.class,
                    () -> Class.forName("com.github.luben.zstd.Zstd", false, bare));

            Class<?> wimFile = Class.forName(WimFile.class.getName(), true, bare);
            assertEquals(bare, wimFile.getClassLoader());
            Throwable open = assertThrows(InvocationTargetException.class,
                    () -> wimFile.getMethod("open", Path.class).invoke(null, wim)).getCause();
            assertEquals("org.jwim.wim.UnsupportedWimException", open.getClass().getName(), open.toString());
            assertEquals(wim + " uses jwim's " + type + " compression; add " + jar
                    + " to the class/module path", open.getMessage().replaceFirst(" \\(on the module path.*", ""));

            Class<?> codecs = Class.forName("org.jwim.wim.compress.Codecs", true, bare);
            Class<?> bareType = Class.forName(CompressionType.class.getName(), true, bare);
            Object bareValue = bareType.getMethod("valueOf", String.class).invoke(null, type.name());
            Throwable write = assertThrows(InvocationTargetException.class,
                    () -> codecs.getMethod("compressor", bareType, int.class)
                            .invoke(null, bareValue, type.defaultChunkSize())).getCause();
            assertEquals("org.jwim.wim.UnsupportedWimException", write.getClass().getName(), write.toString());
            assertTrue(write.getMessage().startsWith("writing with jwim's " + type + " compression; add " + jar),
                    write.getMessage());
        }
    }
}
